// Core-module WAT functions shared by the runtime tests (wat-lib.ts,
// perf.test.ts, browser/component.ts) and the engine benchmark
// (bench/engine/component.mjs). Plain .mjs so node runs the bench without a
// TypeScript step; types are in wat-snippets.d.mts.

/** `$realloc` (exported as "realloc"): a bump allocator over `(global $bump (mut i32))`, growing memory as needed. */
export const REALLOC = `
  (func $realloc (export "realloc") (param $old i32) (param $oldsz i32) (param $align i32) (param $new i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and
      (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
      (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
    (global.set $bump (i32.add (local.get $p) (local.get $new)))
    (if (i32.gt_u (global.get $bump) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.add (i32.div_u (local.get $new) (i32.const 65536)) (i32.const 1))))))
    (if (local.get $old)
      (then (memory.copy (local.get $p) (local.get $old)
        (select (local.get $oldsz) (local.get $new) (i32.lt_u (local.get $oldsz) (local.get $new))))))
    (local.get $p))
`;

/** "reverse": reverses a UTF-8 string's bytes into a `$realloc`ed buffer; returns (ptr, len) at 16. */
export const REVERSE = `
  (func (export "reverse") (param $ptr i32) (param $len i32) (result i32)
    (local $out i32) (local $i i32)
    (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $len)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (i32.store8 (i32.add (local.get $out) (local.get $i))
        (i32.load8_u (i32.add (local.get $ptr) (i32.sub (i32.sub (local.get $len) (local.get $i)) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (i32.store (i32.const 16) (local.get $out))
    (i32.store (i32.const 20) (local.get $len))
    (i32.const 16))
`;

/** "sum": the i32 sum of a `list<u32>`. */
export const SUM_U32 = `
  (func (export "sum") (param $ptr i32) (param $len i32) (result i32)
    (local $s i32) (local $i i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $s))
`;

/** "scale": scale(point{x,y}, f) -> point, returned through a return area at 32. */
export const SCALE = `
  (func (export "scale") (param $x f64) (param $y f64) (param $f f64) (result i32)
    (f64.store (i32.const 32) (f64.mul (local.get $x) (local.get $f)))
    (f64.store (i32.const 40) (f64.mul (local.get $y) (local.get $f)))
    (i32.const 32))
`;

/** "bump": bump(shape) -> shape: num(n) -> num(n+1), others unchanged; return area at 48. */
export const BUMP = `
  (func (export "bump") (param $d i32) (param $v i32) (result i32)
    (i32.store8 (i32.const 48) (local.get $d))
    (i32.store (i32.const 52)
      (if (result i32) (i32.eq (local.get $d) (i32.const 1))
        (then (i32.add (local.get $v) (i32.const 1)))
        (else (local.get $v))))
    (i32.const 48))
`;

/** "next-color": the next case of a 3-case enum. */
export const NEXT_COLOR = `
  (func (export "next-color") (param i32) (result i32)
    (i32.rem_u (i32.add (local.get 0) (i32.const 1)) (i32.const 3)))
`;

/**
 * "counter-new" ([constructor]counter(start) -> own<counter>, reps at
 * `(global $next (mut i32))`, 4 bytes each, made by the import `$res_new`) and
 * "counter-increment" ([method]counter.increment(self: borrow<counter>, by) -> u32;
 * self arrives as the rep).
 */
export const COUNTER = `
  (func (export "counter-new") (param $start i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (global.get $next) (i32.const 4)))
    (i32.store (local.get $p) (local.get $start))
    (call $res_new (local.get $p)))
  (func (export "counter-increment") (param $self i32) (param $by i32) (result i32)
    (i32.store (local.get $self) (i32.add (i32.load (local.get $self)) (local.get $by)))
    (i32.load (local.get $self)))
`;
