"""The loaded library: the generated declarations of the C ABI (_capi_gen.py, from
include/orgnet/orgnet.h) applied to it, the one status check, and ``call()``, which hands
out every function's outputs as the header's annotations describe them (who owns them, how
long they are): no module of the package judges ownership by hand."""

from __future__ import annotations

import array
import ctypes as C
from typing import Optional

from . import _capi_gen as gen
from . import _libpath
from .errors import error_for

__all__ = ["lib", "check", "call", "attempt", "release", "defaults", "NONE", "OUTSIDE_ROW",
           "OUTSIDE", "NO_DATE", "NO_INTEGER", "ABI_VERSION", "gen"]

ABI_VERSION = 1  #: the C ABI this package speaks
NONE = gen.ORGNET_NONE
OUTSIDE_ROW = gen.ORGNET_OUTSIDE  #: a row outside a scoped view (the C ABI's ORGNET_OUTSIDE)


from ._outside import OUTSIDE, _Outside  # noqa: E402,F401  (re-exported)
NO_DATE = gen.ORGNET_NO_DATE
NO_INTEGER = gen.ORGNET_NO_INTEGER


def _load():
    """The library, its functions declared; ImportError naming the file when it is not a
    liborgnet this package can use (another ABI, or an older build lacking a function)."""
    path = _libpath.find_library()
    try:
        library = C.CDLL(path)
    except OSError as e:
        raise ImportError("cannot load %s: %s" % (path, e)) from None
    if not hasattr(library, "orgnet_abi_version"):
        raise ImportError("%s is not liborgnet (it has no orgnet_abi_version)" % path)
    library.orgnet_abi_version.restype = C.c_int
    if library.orgnet_abi_version() != ABI_VERSION:
        raise ImportError("%s speaks C ABI %d; this package needs ABI %d" %
                          (path, library.orgnet_abi_version(), ABI_VERSION))
    missing = [name for name in gen.FUNCTIONS if not hasattr(library, name)]
    if missing:
        raise ImportError("%s lacks %d of this package's functions (%s%s): it was built from "
                          "older sources; rebuild it or set ORGNET_LIBRARY" %
                          (path, len(missing), ", ".join(missing[:3]),
                           ", ..." if len(missing) > 3 else ""))
    for name, (restype, argtypes) in gen.FUNCTIONS.items():
        function = getattr(library, name)
        function.argtypes = argtypes
        function.restype = restype
    library.path = path
    return library


lib = _load()


#: The array.array code of each ctypes scalar an array output holds.
_ARRAY_CODES = {C.c_uint32: "I", C.c_int32: "i", C.c_int64: "q", C.c_uint64: "Q",
                C.c_double: "d", C.c_uint8: "B"}


class _Plan:
    """How to call one function, worked out from the description once: which parameters it
    writes (and the ctypes type of each holder), where the inputs go, what to hand back and
    what to release."""

    __slots__ = ("size", "holders", "inputs", "results", "single", "owned", "spec", "fast")

    def __init__(self, name: str):
        argtypes = gen.FUNCTIONS[name][1]
        spec = gen.OUTPUTS.get(name, ())
        written = {s[0] for s in spec if s[2] != "buffer"}
        self.spec = spec
        self.size = len(argtypes)
        self.holders = tuple((p, argtypes[p]._type_) for p in sorted(written))
        self.inputs = tuple(p for p in range(len(argtypes)) if p not in written)
        results = []
        for position, _parameter, role, kind, _ownership, _release, count in spec:
            if role == "output":
                struct = issubclass(argtypes[position]._type_, C.Structure)
                results.append((position, "struct" if struct else "scalar", None, 0))
            elif role == "pointer":
                if count is None or count == "?":
                    results.append((position, kind, None, 0))
                else:
                    results.append((position, kind, count[0], count[1]))
        self.results = tuple(results)
        self.single = len(self.results) == 1
        # The two shapes most calls have, outputs first (the ABI's rule): one scalar, or one
        # text with its length; call() takes a shorter path for them.
        self.fast = None
        first = tuple(p for p, _ in self.holders) == tuple(range(len(self.holders)))
        if first and self.single and self.results[0][1] == "scalar" and len(self.holders) == 1:
            self.fast = "scalar"
        elif (first and self.single and self.results[0][1] == "text" and len(self.holders) == 2
              and self.results[0][2] == 1 and self.results[0][3] == 0):
            self.fast = "text"
        self.owned = tuple((s[0], s[5]) for s in spec
                           if s[2] == "pointer" and s[4] == "owned" and s[3] != "handle")


_PLANS: dict = {}


def _arguments(name: str, inputs: tuple):
    """(function, plan, holders by position, arguments): a holder for every parameter the
    function writes, the inputs in the other places."""
    plan = _PLANS.get(name)
    if plan is None:
        plan = _PLANS[name] = _Plan(name)
    if len(inputs) != len(plan.inputs):
        raise TypeError("%s: %d inputs given; it takes %d" % (name, len(inputs),
                                                             len(plan.inputs)))
    args = [None] * plan.size
    holders = {}
    for position, holder_type in plan.holders:
        holder = holders[position] = holder_type()
        args[position] = C.byref(holder)
    for position, value in zip(plan.inputs, inputs):
        args[position] = value
    return getattr(lib, name), plan, holders, args


def call(name: str, *inputs):
    """Calls the C function ``name`` with ``inputs`` (its plain inputs and buffers, in order),
    raising the status's exception on failure, and returns what it hands out, copied into
    Python objects, in parameter order: a scalar output as an int or float, a struct as a
    fresh ctypes struct, an array of scalars as an ``array.array``, an array of structs as a
    list, text as a str, bytes as bytes, a handle as its typed pointer (for a Handle to own,
    or ``release()``). One output comes alone, several as a tuple, none as (). Lengths are
    not returned (they are the copies' lengths). What the header says the caller owns
    (``gen.OUTPUTS``, from its @abi{owned FREE} annotations) is released here with FREE, also
    when copying fails; a borrowed output is copied before any other call can change it."""
    plan = _PLANS.get(name)
    if plan is not None and plan.fast is not None and len(inputs) == len(plan.inputs):
        if plan.fast == "scalar":
            holder = plan.holders[0][1]()
            check(getattr(lib, name)(C.byref(holder), *inputs))
            return holder.value
        text, length = C.c_void_p(), C.c_size_t()
        check(getattr(lib, name)(C.byref(text), C.byref(length), *inputs))
        try:
            return C.string_at(text.value, length.value).decode("utf-8") if length.value else ""
        finally:
            for _position, release_function in plan.owned:
                getattr(lib, release_function)(text)
    function, plan, holders, args = _arguments(name, inputs)
    check(function(*args))
    try:
        results = []
        for position, mode, count_at, extra in plan.results:
            holder = holders[position]
            if mode == "scalar":
                results.append(holder.value)
            elif mode == "struct" or mode == "handle":
                results.append(holder)
            else:
                if count_at is None:
                    count = None
                else:
                    source = holders.get(count_at)
                    count = (source.value if source is not None else int(args[count_at])) + extra
                results.append(_copy_out(name, holder, mode, count))
        return results[0] if plan.single else tuple(results)
    finally:
        for position, release_function in plan.owned:
            getattr(lib, release_function)(holders[position])


def attempt(name: str, *inputs):
    """(status, handles) of a function that hands out only handles (a load, an edit, a
    build: the report it fills is wanted also on failure): calls it without raising; each
    handle, possibly NULL, is the caller's to own or ``release()``."""
    function, plan, holders, args = _arguments(name, inputs)
    if any(s[2] != "pointer" or s[3] != "handle" for s in plan.spec):
        raise TypeError("%s hands out more than handles: use call()" % name)
    status = function(*args)
    return status, tuple(holders[s[0]] for s in plan.spec)


def _copy_out(function: str, holder, kind: str, count):
    """The Python copy of one handed-out pointer (see call())."""
    if kind == "text":
        return C.string_at(holder, count).decode("utf-8") if holder and count else ""
    if kind == "address":
        raise NotImplementedError("%s hands out an address of unstated length: read it by "
                                  "hand" % function)
    if not holder or not count:
        if kind == "text":
            return ""
        if kind == "bytes":
            return b""
        element = holder._type_
        return array.array(_ARRAY_CODES[element]) if element in _ARRAY_CODES else []
    if kind == "text":
        return C.string_at(holder, count).decode("utf-8")
    if kind == "bytes":
        return C.string_at(holder, count)
    element = holder._type_
    code = _ARRAY_CODES.get(element)
    if code is not None:
        out = array.array(code, bytes(count * C.sizeof(element)))
        C.memmove((element * count).from_buffer(out), holder, count * C.sizeof(element))
        return out
    block = (element * count)()
    C.memmove(block, holder, count * C.sizeof(element))
    return list(block)


def release(handle) -> None:
    """Releases a handle (a typed pointer) with the function the header names for its type."""
    if handle:
        getattr(lib, gen.RELEASE[handle._type_.__name__])(handle)


def check(status: int) -> None:
    """Raises the orgnet.Error subclass for a failed call, with the library's message."""
    if status != gen.ORGNET_OK:
        message = lib.orgnet_last_error().decode("utf-8", "replace")
        raise error_for(status, message)


def defaults(struct_type, init_name: str, version: Optional[int] = None):
    """A struct filled with the library's defaults by its init function (the C++ defaults:
    the one place where they are written), at the header's version of the struct
    (orgnet_coverage_rules_init -> ORGNET_COVERAGE_RULES_VERSION) unless ``version`` is given."""
    if version is None:
        version = getattr(gen, init_name[:-len("_init")].upper() + "_VERSION")
    struct = struct_type()
    check(getattr(lib, init_name)(C.byref(struct), version))
    return struct
