// The benchmark component, in WAT. One core module ($CORE) does all the work;
// the component lifts its functions into the interface `bench:engine/api`
// and lowers the host import `bench:engine/host#host-add` into it. The
// hand-written binding (hand.mjs) instantiates the very same core module
// directly, so all three contenders run identical guest code.

import {
  BUMP,
  COUNTER,
  NEXT_COLOR,
  REALLOC,
  REVERSE,
  SCALE,
  SUM_U32,
} from '../../packages/runtime/test/wat-snippets.mjs';

/** The core module's body (shared by the component and the hand binding). */
export const CORE_BODY = `
  (import "host" "add" (func $host_add (param i32 i32) (result i32)))
  (import "res" "new" (func $res_new (param i32) (result i32)))
  (memory (export "memory") 1)
  ;; bump allocator: realloc from 1024 up; post-return resets it
  (global $bump (mut i32) (i32.const 1024))
  ;; resource reps live in 256..1023 (4 bytes each)
  (global $next (mut i32) (i32.const 256))
  ${REALLOC}
  (func (export "post") (param i32) (global.set $bump (i32.const 1024)))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  ${REVERSE}
  ${SUM_U32}
  ${SCALE}
  ${BUMP}
  ${NEXT_COLOR}
  ${COUNTER}
  ;; call-host-n(n): n guest→host calls of host-add
  (func (export "call-host-n") (param $n i32) (result i32)
    (local $acc i32)
    (block $d (loop $l
      (br_if $d (i32.eqz (local.get $n)))
      (local.set $acc (call $host_add (local.get $acc) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $acc))
  ;; loop-n(n): the same loop over a core function (the loop's own cost)
  (func $local_add (export "local-add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "loop-n") (param $n i32) (result i32)
    (local $acc i32)
    (block $d (loop $l
      (br_if $d (i32.eqz (local.get $n)))
      (local.set $acc (call $local_add (local.get $acc) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $acc))
`;

export const CORE_WAT = `(module ${CORE_BODY})`;

export const COMPONENT_WAT = `(component
  (import "bench:engine/host" (instance $host
    (export "host-add" (func (param "a" u32) (param "b" u32) (result u32)))))
  (alias export $host "host-add" (func $host-add))
  (core func $host-add-c (canon lower (func $host-add)))
  (type $counter (resource (rep i32)))
  (core func $res-new (canon resource.new $counter))
  (core module $m ${CORE_BODY})
  (core instance $i (instantiate $m
    (with "host" (instance (export "add" (func $host-add-c))))
    (with "res" (instance (export "new" (func $res-new))))))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))
  (alias core export $i "post" (core func $post))
  (type $point (record (field "x" f64) (field "y" f64)))
  (type $shape (variant (case "none") (case "num" u32) (case "flt" f32)))
  (type $color (enum "red" "green" "blue"))
  (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (func $reverse (param "s" string) (result string)
    (canon lift (core func $i "reverse") (memory $mem) (realloc $realloc) (post-return $post)))
  (func $sum (param "xs" (list u32)) (result u32)
    (canon lift (core func $i "sum") (memory $mem) (realloc $realloc) (post-return $post)))
  (func $scale (param "p" $point) (param "f" f64) (result $point) (canon lift (core func $i "scale") (memory $mem)))
  (func $bump (param "s" $shape) (result $shape) (canon lift (core func $i "bump") (memory $mem)))
  (func $next-color (param "c" $color) (result $color) (canon lift (core func $i "next-color")))
  (func $ctor (param "start" u32) (result (own $counter)) (canon lift (core func $i "counter-new")))
  (func $inc (param "self" (borrow $counter)) (param "by" u32) (result u32) (canon lift (core func $i "counter-increment")))
  (func $call-host-n (param "n" u32) (result u32) (canon lift (core func $i "call-host-n")))
  (func $loop-n (param "n" u32) (result u32) (canon lift (core func $i "loop-n")))
  (component $iface
    (type $p0 (record (field "x" f64) (field "y" f64)))
    (import "import-type-point" (type $p (eq $p0)))
    (type $s0 (variant (case "none") (case "num" u32) (case "flt" f32)))
    (import "import-type-shape" (type $s (eq $s0)))
    (type $c0 (enum "red" "green" "blue"))
    (import "import-type-color" (type $c (eq $c0)))
    (import "import-type-counter" (type $r (sub resource)))
    (import "import-func-add" (func $add (param "a" u32) (param "b" u32) (result u32)))
    (import "import-func-reverse" (func $reverse (param "s" string) (result string)))
    (import "import-func-sum" (func $sum (param "xs" (list u32)) (result u32)))
    (import "import-func-scale" (func $scale (param "p" $p) (param "f" f64) (result $p)))
    (import "import-func-bump" (func $bump (param "s" $s) (result $s)))
    (import "import-func-next-color" (func $next-color (param "c" $c) (result $c)))
    (import "import-constructor-counter" (func $ctor (param "start" u32) (result (own $r))))
    (import "import-method-counter-increment" (func $inc (param "self" (borrow $r)) (param "by" u32) (result u32)))
    (import "import-func-call-host-n" (func $call-host-n (param "n" u32) (result u32)))
    (import "import-func-loop-n" (func $loop-n (param "n" u32) (result u32)))
    (export $pe "point" (type $p))
    (export $se "shape" (type $s))
    (export $ce "color" (type $c))
    (export $re "counter" (type $r))
    (export "add" (func $add))
    (export "reverse" (func $reverse))
    (export "sum" (func $sum))
    (export "scale" (func $scale) (func (param "p" $pe) (param "f" f64) (result $pe)))
    (export "bump" (func $bump) (func (param "s" $se) (result $se)))
    (export "next-color" (func $next-color) (func (param "c" $ce) (result $ce)))
    (export "[constructor]counter" (func $ctor) (func (param "start" u32) (result (own $re))))
    (export "[method]counter.increment" (func $inc) (func (param "self" (borrow $re)) (param "by" u32) (result u32)))
    (export "call-host-n" (func $call-host-n))
    (export "loop-n" (func $loop-n)))
  (instance $api (instantiate $iface
    (with "import-type-point" (type $point))
    (with "import-type-shape" (type $shape))
    (with "import-type-color" (type $color))
    (with "import-type-counter" (type $counter))
    (with "import-func-add" (func $add))
    (with "import-func-reverse" (func $reverse))
    (with "import-func-sum" (func $sum))
    (with "import-func-scale" (func $scale))
    (with "import-func-bump" (func $bump))
    (with "import-func-next-color" (func $next-color))
    (with "import-constructor-counter" (func $ctor))
    (with "import-method-counter-increment" (func $inc))
    (with "import-func-call-host-n" (func $call-host-n))
    (with "import-func-loop-n" (func $loop-n))))
  (export "bench:engine/api" (instance $api))
)`;
