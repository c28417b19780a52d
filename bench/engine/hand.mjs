// Hand-written binding for the benchmark component: what a person would
// write for these exact signatures, as tight as possible. It instantiates the
// same core module the component embeds with WebAssembly.instantiate and does
// the canonical ABI by hand (validate, lower, call, lift, post-return), with
// TextEncoder/TextDecoder for strings as jco does.

/**
 * @param {WebAssembly.Module} coreModule the compiled CORE_WAT
 * @param {{ hostAdd(a: number, b: number): number }} host
 */
export async function instantiateHand(coreModule, host) {
  const hostAdd = host.hostAdd;
  // own<counter> handles of this instance: handle -> rep (0 = free)
  const handles = [0];
  const imports = {
    host: {
      // canon lower of host-add: i32 -> u32 args, validate the u32 result
      add(a, b) {
        const r = hostAdd(a >>> 0, b >>> 0);
        if (r >>> 0 !== r) throw new TypeError('host-add must return a u32');
        return r;
      },
    },
    res: {
      new(rep) {
        handles.push(rep);
        return handles.length - 1;
      },
    },
  };
  const core = (await WebAssembly.instantiate(coreModule, imports)).exports;
  const mem = core.memory;
  const realloc = core.realloc;
  const post = core.post;
  const cAdd = core.add;
  const cReverse = core.reverse;
  const cSum = core.sum;
  const cScale = core.scale;
  const cBump = core.bump;
  const cNext = core['next-color'];
  const cNew = core['counter-new'];
  const cInc = core['counter-increment'];
  const cCallHostN = core['call-host-n'];
  const cLoopN = core['loop-n'];

  const enc = new TextEncoder();
  const dec = new TextDecoder('utf-8', { fatal: true }); // invalid UTF-8 must trap
  const SHORT = 64;
  const codes = [];
  let buf = mem.buffer;
  let u8 = new Uint8Array(buf);
  let u32 = new Uint32Array(buf);
  let dv = new DataView(buf);
  // Views are refreshed only when an access would fall outside them (a
  // memory.grow detaches the old buffer, whose views then have length 0):
  // cheaper than comparing `mem.buffer` (an API getter) on every call.
  const view = (end) => {
    if (end > u8.length) {
      buf = mem.buffer;
      u8 = new Uint8Array(buf);
      u32 = new Uint32Array(buf);
      dv = new DataView(buf);
      if (end > u8.length) throw new WebAssembly.RuntimeError('out of bounds memory access');
    }
  };
  const f32bits = new Float32Array(1);
  const i32bits = new Int32Array(f32bits.buffer);
  const checkU32 = (v) => {
    if (v >>> 0 !== v) throw new TypeError('expected a u32');
  };
  const COLORS = ['red', 'green', 'blue'];

  class Counter {
    #rep;
    constructor(start) {
      checkU32(start);
      const h = cNew(start);
      this.#rep = handles[h];
      handles[h] = 0; // the JS object owns it now
    }
    increment(by) {
      checkU32(by);
      return cInc(this.#rep, by) >>> 0;
    }
  }

  return {
    add(a, b) {
      if (a >>> 0 !== a || b >>> 0 !== b) throw new TypeError('expected a u32');
      return cAdd(a, b) >>> 0;
    },
    reverse(s) {
      if (typeof s !== 'string') throw new TypeError('expected a string');
      const n = s.length;
      let ptr = realloc(0, 0, 1, n);
      view(ptr + n);
      let len;
      let i = 0;
      if (n <= SHORT) {
        // short strings: a plain loop beats TextEncoder's call overhead
        for (; i < n; i++) {
          const c = s.charCodeAt(i);
          if (c >= 0x80) break;
          u8[ptr + i] = c;
        }
      }
      if (i === n) len = n;
      else {
        // long or non-ASCII: encodeInto, growing to the worst case if needed
        let { read, written } = enc.encodeInto(s, u8.subarray(ptr, ptr + n));
        if (read < n) {
          const rest = s.slice(read);
          const cap = written + rest.length * 3;
          ptr = realloc(ptr, n, 1, cap);
          view(ptr + cap);
          written += enc.encodeInto(rest, u8.subarray(ptr + written, ptr + cap)).written;
        }
        len = written;
      }
      const rp = cReverse(ptr, len);
      view(rp + 8);
      const op = u32[rp >>> 2];
      const ol = u32[(rp >>> 2) + 1];
      view(op + ol);
      let out;
      if (ol <= SHORT) {
        codes.length = ol;
        let j = 0;
        for (; j < ol; j++) {
          const b = u8[op + j];
          if (b >= 0x80) break;
          codes[j] = b;
        }
        out = j === ol ? String.fromCharCode.apply(null, codes) : dec.decode(u8.subarray(op, op + ol));
      } else out = dec.decode(u8.subarray(op, op + ol));
      post(rp);
      return out;
    },
    sum(xs) {
      const n = xs.length;
      const ptr = realloc(0, 0, 4, n * 4);
      view(ptr + n * 4);
      if (xs instanceof Uint32Array) u32.set(xs, ptr >>> 2);
      else {
        for (let i = 0; i < n; i++) {
          const v = xs[i];
          if (v >>> 0 !== v) throw new TypeError('expected a u32');
          u32[(ptr >>> 2) + i] = v;
        }
      }
      const r = cSum(ptr, n);
      post(r);
      return r >>> 0;
    },
    scale(p, f) {
      const x = p.x;
      const y = p.y;
      if (typeof x !== 'number' || typeof y !== 'number' || typeof f !== 'number')
        throw new TypeError('expected a number');
      const rp = cScale(x, y, f);
      view(rp + 16);
      return { x: dv.getFloat64(rp, true), y: dv.getFloat64(rp + 8, true) };
    },
    bump(s) {
      let rp;
      switch (s.tag) {
        case 'none':
          rp = cBump(0, 0);
          break;
        case 'num':
          checkU32(s.val);
          rp = cBump(1, s.val);
          break;
        case 'flt':
          if (typeof s.val !== 'number') throw new TypeError('expected a number');
          f32bits[0] = s.val;
          rp = cBump(2, i32bits[0]);
          break;
        default:
          throw new TypeError('invalid shape');
      }
      view(rp + 8);
      switch (u8[rp]) {
        case 0:
          return { tag: 'none' };
        case 1:
          return { tag: 'num', val: u32[(rp + 4) >>> 2] };
        case 2:
          i32bits[0] = u32[(rp + 4) >>> 2];
          return { tag: 'flt', val: f32bits[0] };
        default:
          throw new RangeError('invalid shape discriminant');
      }
    },
    nextColor(c) {
      let d;
      switch (c) {
        case 'red':
          d = 0;
          break;
        case 'green':
          d = 1;
          break;
        case 'blue':
          d = 2;
          break;
        default:
          throw new TypeError('invalid color');
      }
      const r = cNext(d);
      if (r >>> 0 > 2) throw new RangeError('invalid color discriminant');
      return COLORS[r];
    },
    Counter,
    callHostN(n) {
      checkU32(n);
      return cCallHostN(n) >>> 0;
    },
    loopN(n) {
      checkU32(n);
      return cLoopN(n) >>> 0;
    },
  };
}
