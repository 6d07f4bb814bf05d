"""The loaded library: the generated declarations of the C ABI (_capi_gen.py, from
include/orgnet/orgnet.h) applied to it, and the one status check."""

from __future__ import annotations

import ctypes as C
from typing import Optional

from . import _capi_gen as gen
from . import _libpath
from .errors import error_for

__all__ = ["lib", "check", "take_string", "new_handle", "defaults", "NONE", "OUTSIDE_ROW",
           "OUTSIDE", "NO_DATE",
           "NO_INTEGER", "Place", "DiagnosticStruct", "LoadOptions", "ABI_VERSION", "gen"]

ABI_VERSION = 1  #: the C ABI this package speaks
NONE = gen.ORGNET_NONE
OUTSIDE_ROW = gen.ORGNET_OUTSIDE  #: a row outside a scoped view (the C ABI's ORGNET_OUTSIDE)


from ._outside import OUTSIDE, _Outside  # noqa: E402,F401  (re-exported)
NO_DATE = gen.ORGNET_NO_DATE
NO_INTEGER = gen.ORGNET_NO_INTEGER

# The structs under the names the rest of the package uses (each is the generated class).
Place = gen.orgnet_place
DiagnosticStruct = gen.orgnet_diagnostic
LoadOptions = gen.orgnet_load_options
CoverageRulesStruct = gen.orgnet_coverage_rules
RuleInfoStruct = gen.orgnet_rule_info
FindingStruct = gen.orgnet_finding
DisagreementStruct = gen.orgnet_disagreement
LinkFilterStruct = gen.orgnet_link_filter
PartnerStruct = gen.orgnet_partner
BridgeStruct = gen.orgnet_bridge
IsolationStruct = gen.orgnet_isolation
CrossingCountsStruct = gen.orgnet_crossing_counts
PathStepStruct = gen.orgnet_path_step
SuggestionWeightsStruct = gen.orgnet_suggestion_weights
SuggestionStruct = gen.orgnet_suggestion
AllocationStruct = gen.orgnet_allocation
EventOptionsStruct = gen.orgnet_event_options
EventRowStruct = gen.orgnet_event_row
HotSpotStruct = gen.orgnet_hot_spot
GridReachStruct = gen.orgnet_grid_reach
ReachRowStruct = gen.orgnet_reach_row
SiteChoiceStruct = gen.orgnet_site_choice
FundsStruct = gen.orgnet_funds
CommunityHavesStruct = gen.orgnet_community_haves
HavesFindingStruct = gen.orgnet_haves_finding
HavesRowStruct = gen.orgnet_haves_row


def new_handle(handle_type):
    """An empty (NULL) handle of the opaque C type ``handle_type`` (e.g. gen.orgnet_network),
    for a function to fill: ``h = new_handle(gen.orgnet_network); f(C.byref(h), ...)``."""
    return C.POINTER(handle_type)()


def _load():
    path = _libpath.find_library()
    library = C.CDLL(path)
    for name, (restype, argtypes) in gen.FUNCTIONS.items():
        function = getattr(library, name)
        function.argtypes = argtypes
        function.restype = restype
    if library.orgnet_abi_version() != ABI_VERSION:
        raise ImportError("%s speaks C ABI %d; this package needs ABI %d" %
                          (path, library.orgnet_abi_version(), ABI_VERSION))
    library.path = path
    return library


lib = _load()


def take_string(function, *args) -> str:
    """Calls ``function(&text, &length, *args)``, returns the UTF-8 text it allocated and frees
    it with orgnet_free()."""
    text, length = C.c_void_p(), C.c_size_t()
    check(function(C.byref(text), C.byref(length), *args))
    try:
        return C.string_at(text.value, length.value).decode("utf-8") if length.value else ""
    finally:
        lib.orgnet_free(text)


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
