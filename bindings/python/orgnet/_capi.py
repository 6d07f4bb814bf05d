"""ctypes declarations of the C ABI (include/orgnet/orgnet.h) and the one status check."""

from __future__ import annotations

import ctypes as C

from . import _libpath
from .errors import error_for

__all__ = ["lib", "check", "take_string", "NONE", "NO_DATE", "NO_INTEGER", "Place", "DiagnosticStruct",
           "LoadOptions", "ABI_VERSION"]

ABI_VERSION = 0  #: the C ABI this package speaks
NONE = 0xFFFFFFFF
NO_DATE = -(2 ** 31)
NO_INTEGER = -(2 ** 63)

_u32p = C.POINTER(C.c_uint32)
_i32p = C.POINTER(C.c_int32)
_i64p = C.POINTER(C.c_int64)
_dblp = C.POINTER(C.c_double)
_szp = C.POINTER(C.c_size_t)
_intp = C.POINTER(C.c_int)
_charpp = C.POINTER(C.c_char_p)
_voidp = C.c_void_p


class Place(C.Structure):
    _fields_ = [("grid", C.c_uint32), ("community", C.c_uint32), ("street", C.c_uint32),
                ("district", C.c_uint32)]


class DiagnosticStruct(C.Structure):
    _fields_ = [("severity", C.c_int), ("file", C.c_char_p), ("line", C.c_int64),
                ("row", C.c_int64), ("column", C.c_char_p), ("byte", C.c_int64),
                ("message", C.c_char_p), ("text", C.c_char_p)]


class LoadOptions(C.Structure):
    _fields_ = [("version", C.c_uint), ("max_errors", C.c_int), ("max_warnings", C.c_int),
                ("threads", C.c_int)]


class CoverageRulesStruct(C.Structure):
    _fields_ = [("version", C.c_uint), ("counted_unit_kinds", C.POINTER(C.c_char_p)),
                ("counted_unit_kind_lens", C.POINTER(C.c_size_t)),
                ("counted_unit_kind_count", C.c_size_t), ("own_org_min_formal", C.c_int),
                ("joint_max_units", C.c_int), ("branch_max_members", C.c_int),
                ("general_branch_max_members", C.c_int), ("branch_min_formal", C.c_int),
                ("group_min_members", C.c_int), ("registration_min_rate", C.c_double),
                ("mobile_transfer_months", C.c_int), ("lost_contact_months", C.c_int),
                ("grid_min_households", C.c_int64), ("grid_max_households", C.c_int64),
                ("as_of", C.c_int32)]


class RuleInfoStruct(C.Structure):
    _fields_ = [("code", C.c_char_p), ("table", C.c_int), ("summary", C.c_char_p),
                ("source", C.c_char_p), ("needs", C.c_char_p)]


class FindingStruct(C.Structure):
    _fields_ = [("rule", C.c_int32), ("table", C.c_int32), ("row", C.c_uint32),
                ("padding", C.c_uint32), ("value", C.c_int64), ("limit", C.c_int64)]


class DisagreementStruct(C.Structure):
    _fields_ = [("org", C.c_uint32), ("street", C.c_uint32), ("leading_street", C.c_uint32)]


# name: argument types (every function returns int unless listed in _RESTYPES)
class LinkFilterStruct(C.Structure):
    _fields_ = [("version", C.c_uint), ("on", C.c_int32), ("kinds", C.POINTER(C.c_char_p)),
                ("kind_lens", C.POINTER(C.c_size_t)), ("kind_count", C.c_size_t)]


class PartnerStruct(C.Structure):
    _fields_ = [("org", C.c_uint32), ("link", C.c_uint32)]


class BridgeStruct(C.Structure):
    _fields_ = [("a", C.c_uint32), ("b", C.c_uint32)]


class IsolationStruct(C.Structure):
    _fields_ = [("place", C.c_uint32), ("orgs", C.c_uint32), ("isolated", C.c_uint32),
                ("share", C.c_double)]


class CrossingCountsStruct(C.Structure):
    _fields_ = [("street", C.c_uint32), ("links", C.c_uint32),
                ("across_communities", C.c_uint32), ("across_streets", C.c_uint32),
                ("across_districts", C.c_uint32), ("outside_led", C.c_uint32),
                ("unplaced", C.c_uint32)]


class PathStepStruct(C.Structure):
    _fields_ = [("from_", C.c_uint32), ("to", C.c_uint32), ("kind", C.c_int32),
                ("link", C.c_uint32)]


class SuggestionWeightsStruct(C.Structure):
    _fields_ = [("version", C.c_uint), ("same_grid", C.c_double), ("same_community", C.c_double),
                ("common_partner", C.c_double), ("need_resource", C.c_double)]


class SuggestionStruct(C.Structure):
    _fields_ = [("org", C.c_uint32), ("common_partners", C.c_uint32), ("score", C.c_double),
                ("same_grid", C.c_int), ("same_community", C.c_int), ("meets_need", C.c_int),
                ("needs_offer", C.c_int)]


class AllocationStruct(C.Structure):
    _fields_ = [("need", C.c_uint32), ("resource", C.c_uint32), ("amount", C.c_int64)]


class EventOptionsStruct(C.Structure):
    _fields_ = [("version", C.c_uint), ("from_", C.c_int32), ("to", C.c_int32),
                ("as_of", C.c_int32), ("backlog_days", C.c_int32 * 3),
                ("hot_spot_min_events", C.c_int32)]


class EventRowStruct(C.Structure):
    _fields_ = [("place", C.c_uint32), ("category", C.c_int32), ("month", C.c_int32),
                ("reported", C.c_uint32), ("resolved_grid", C.c_uint32),
                ("resolved_above", C.c_uint32), ("resolved_unknown", C.c_uint32),
                ("open", C.c_uint32), ("median_days", C.c_int32), ("p90_days", C.c_int32),
                ("backlog", C.c_uint32 * 4)]


class HotSpotStruct(C.Structure):
    _fields_ = [("grid", C.c_uint32), ("category", C.c_int32), ("events", C.c_uint32),
                ("households", C.c_int64), ("rate", C.c_double), ("street_rate", C.c_double),
                ("score", C.c_double)]


class GridReachStruct(C.Structure):
    _fields_ = [("nearest", C.c_uint32), ("placed", C.c_int32), ("reached", C.c_int32),
                ("metres", C.c_double)]


class ReachRowStruct(C.Structure):
    _fields_ = [("place", C.c_uint32), ("grids", C.c_uint32), ("grids_placed", C.c_uint32),
                ("grids_reached", C.c_uint32), ("households", C.c_int64),
                ("households_reached", C.c_int64), ("households_unplaced", C.c_int64),
                ("units", C.c_uint32), ("units_reached", C.c_uint32)]


class SiteChoiceStruct(C.Structure):
    _fields_ = [("grid", C.c_uint32), ("grids_added", C.c_uint32),
                ("households_added", C.c_int64)]


class FundsStruct(C.Structure):
    _fields_ = [("dues", C.c_int64), ("fiscal", C.c_int64), ("sponsor", C.c_int64),
                ("other", C.c_int64)]


class CommunityHavesStruct(C.Structure):
    _fields_ = [("community", C.c_uint32), ("grids", C.c_uint32), ("grids_managed", C.c_uint32),
                ("managers", C.c_uint32), ("other_staff", C.c_uint32), ("people", C.c_int32),
                ("money", C.c_int32), ("place_in_community", C.c_int32),
                ("place_within_reach", C.c_int32), ("place", C.c_int32),
                ("funds", FundsStruct)]


class HavesFindingStruct(C.Structure):
    _fields_ = [("rule", C.c_int32), ("community", C.c_uint32)]


class HavesRowStruct(C.Structure):
    _fields_ = [("place", C.c_uint32), ("communities", C.c_uint32), ("with_people", C.c_uint32),
                ("with_money", C.c_uint32), ("with_place", C.c_uint32), ("with_all", C.c_uint32),
                ("funds", FundsStruct)]


_SIGNATURES = {
    "orgnet_version": [],
    "orgnet_abi_version": [],
    "orgnet_last_error": [],
    "orgnet_status_string": [C.c_int],
    "orgnet_clear_error": [],
    "orgnet_network_load": [C.POINTER(_voidp), C.c_char_p, C.c_size_t, C.POINTER(LoadOptions),
                            C.POINTER(_voidp)],
    "orgnet_network_save": [_voidp, C.c_char_p, C.c_size_t],
    "orgnet_network_free": [_voidp],
    "orgnet_network_edit": [C.POINTER(_voidp), _voidp, _voidp, C.POINTER(LoadOptions),
                            C.POINTER(_voidp)],
    "orgnet_network_memory": [_szp, _voidp],
    "orgnet_network_rows": [_u32p, _voidp, C.c_int],
    "orgnet_network_has_table": [_intp, _voidp, C.c_int],
    "orgnet_network_column_count": [_intp, _voidp, C.c_int],
    "orgnet_network_column_name": [C.POINTER(_voidp), _szp, _voidp, C.c_int, C.c_int],
    "orgnet_network_column_type": [_intp, _voidp, C.c_int, C.c_int],
    "orgnet_network_has_column": [_intp, _voidp, C.c_int, C.c_int],
    "orgnet_network_find_column": [_intp, _voidp, C.c_int, C.c_char_p, C.c_size_t],
    "orgnet_network_find": [_u32p, _voidp, C.c_int, C.c_char_p, C.c_size_t],
    "orgnet_network_id": [C.POINTER(_voidp), _szp, _voidp, C.c_int, C.c_uint32],
    "orgnet_network_text": [C.POINTER(_voidp), _szp, _voidp, C.c_int, C.c_uint32, C.c_int],
    "orgnet_network_ref": [_u32p, _voidp, C.c_int, C.c_uint32, C.c_int],
    "orgnet_network_date": [_i32p, _voidp, C.c_int, C.c_uint32, C.c_int],
    "orgnet_network_integer": [_i64p, _voidp, C.c_int, C.c_uint32, C.c_int],
    "orgnet_network_real": [_dblp, _voidp, C.c_int, C.c_uint32, C.c_int],
    "orgnet_network_flag": [_intp, _voidp, C.c_int, C.c_uint32, C.c_int],
    "orgnet_network_status": [_intp, _voidp, C.c_int, C.c_uint32, C.c_int],
    "orgnet_network_is_empty": [_intp, _voidp, C.c_int, C.c_uint32, C.c_int],
    "orgnet_network_cell_text": [C.POINTER(_voidp), _szp, _voidp, C.c_int, C.c_uint32, C.c_int],
    "orgnet_string_free": [_voidp],
    "orgnet_network_ref_column": [C.POINTER(_u32p), _szp, _voidp, C.c_int, C.c_int],
    "orgnet_network_date_column": [C.POINTER(_i32p), _szp, _voidp, C.c_int, C.c_int],
    "orgnet_network_integer_column": [C.POINTER(_i64p), _szp, _voidp, C.c_int, C.c_int],
    "orgnet_network_real_column": [C.POINTER(_dblp), _szp, _voidp, C.c_int, C.c_int],
    "orgnet_network_manifest_count": [_szp, _voidp],
    "orgnet_network_manifest_entry": [C.POINTER(_voidp), _szp, C.POINTER(_voidp), _szp, _voidp,
                                      C.c_size_t],
    "orgnet_network_as_of": [_i32p, _voidp],
    "orgnet_hierarchy_parent": [_u32p, _voidp, C.c_uint32],
    "orgnet_hierarchy_children": [C.POINTER(_u32p), _szp, _voidp, C.c_uint32],
    "orgnet_hierarchy_siblings": [C.POINTER(_u32p), _szp, _voidp, C.c_uint32],
    "orgnet_hierarchy_ancestors": [C.POINTER(_u32p), _szp, _voidp, C.c_uint32],
    "orgnet_hierarchy_subtree": [C.POINTER(_u32p), _szp, _voidp, C.c_uint32],
    "orgnet_hierarchy_descendants": [C.POINTER(_u32p), _szp, _voidp, C.c_uint32],
    "orgnet_hierarchy_of_kind": [C.POINTER(_u32p), _szp, _voidp, C.c_uint32, C.c_char_p,
                                 C.c_size_t],
    "orgnet_hierarchy_depth": [_u32p, _voidp, C.c_uint32],
    "orgnet_hierarchy_root": [_u32p, _voidp, C.c_uint32],
    "orgnet_hierarchy_subtree_size": [_u32p, _voidp, C.c_uint32],
    "orgnet_hierarchy_is_ancestor": [_intp, _voidp, C.c_uint32, C.c_uint32],
    "orgnet_hierarchy_lca": [_u32p, _voidp, C.c_uint32, C.c_uint32],
    "orgnet_hierarchy_roots": [C.POINTER(_u32p), _szp, _voidp],
    "orgnet_hierarchy_preorder": [C.POINTER(_u32p), _szp, _voidp],
    "orgnet_hierarchy_max_depth": [_u32p, _voidp],
    "orgnet_hierarchy_preorder_position": [_u32p, _voidp, C.c_uint32],
    "orgnet_indexes_free": [_u32p],
    "orgnet_territory_place": [C.POINTER(Place), _voidp, C.c_int, C.c_uint32],
    "orgnet_territory_in": [C.POINTER(_u32p), _szp, _voidp, C.c_int, C.c_uint32],
    "orgnet_territory_unknown": [_i64p, _voidp, C.c_int, C.c_int],
    "orgnet_report_count": [_szp, _voidp, C.c_int],
    "orgnet_report_total": [_i64p, _voidp, C.c_int],
    "orgnet_report_truncated": [_intp, _voidp],
    "orgnet_report_get": [C.POINTER(DiagnosticStruct), _voidp, C.c_int, C.c_size_t],
    "orgnet_report_free": [_voidp],
    "orgnet_builder_new": [C.POINTER(_voidp)],
    "orgnet_builder_from_network": [C.POINTER(_voidp), _voidp],
    "orgnet_builder_add_row": [_voidp, C.c_int, C.c_size_t, _charpp, _szp, _charpp, _szp],
    "orgnet_builder_set_manifest": [_voidp, C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t],
    "orgnet_builder_build": [C.POINTER(_voidp), _voidp, C.POINTER(LoadOptions),
                             C.POINTER(_voidp)],
    "orgnet_builder_apply": [C.POINTER(_voidp), _voidp, _voidp, C.POINTER(LoadOptions),
                             C.POINTER(_voidp)],
    "orgnet_builder_free": [_voidp],
    "orgnet_edit_batch_new": [C.POINTER(_voidp)],
    "orgnet_edit_batch_free": [_voidp],
    "orgnet_edit_batch_size": [_szp, _voidp],
    "orgnet_edit_insert": [_voidp, C.c_int, C.c_size_t, _charpp, _szp, _charpp, _szp],
    "orgnet_edit_remove": [_voidp, C.c_int, C.c_char_p, C.c_size_t],
    "orgnet_edit_set": [_voidp, C.c_int, C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t,
                        C.c_char_p, C.c_size_t],
    "orgnet_edit_rename": [_voidp, C.c_int, C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t],
    "orgnet_edit_remove_link": [_voidp, C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t,
                                C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t],
    "orgnet_coverage_compute": [C.POINTER(_voidp), _voidp, C.POINTER(CoverageRulesStruct)],
    "orgnet_coverage_free": [_voidp],
    "orgnet_coverage_as_of": [_i32p, _voidp],
    "orgnet_coverage_units": [C.POINTER(C.POINTER(C.c_uint8)), C.POINTER(C.POINTER(C.c_uint8)),
                              C.POINTER(_u32p), C.POINTER(_u32p), _szp, _voidp],
    "orgnet_coverage_rows": [C.POINTER(_u32p), _szp, _voidp, C.c_int],
    "orgnet_coverage_counter": [C.POINTER(_u32p), _szp, _voidp, C.c_int, C.c_int],
    "orgnet_coverage_rate": [C.POINTER(_dblp), _szp, _voidp, C.c_int, C.c_int],
    "orgnet_coverage_counter_name": [C.c_int],
    "orgnet_coverage_rate_name": [C.c_int],
    "orgnet_coverage_rollup_name": [C.c_int],
    "orgnet_coverage_rule_count": [_szp],
    "orgnet_coverage_rule": [C.POINTER(RuleInfoStruct), C.c_size_t],
    "orgnet_coverage_find_rule": [_intp, C.c_char_p, C.c_size_t],
    "orgnet_coverage_findings": [C.POINTER(C.POINTER(FindingStruct)), _szp, _voidp],
    "orgnet_coverage_describe": [C.POINTER(_voidp), _szp, _voidp, C.c_size_t],
    "orgnet_coverage_skipped": [_i64p, _voidp, C.c_int],
    "orgnet_coverage_rule_ran": [_intp, _voidp, C.c_int],
    "orgnet_coverage_disagreements": [C.POINTER(C.POINTER(DisagreementStruct)), _szp, _voidp],
    "orgnet_links_build": [C.POINTER(_voidp), _voidp, C.POINTER(LinkFilterStruct)],
    "orgnet_links_free": [_voidp],
    "orgnet_free": [_voidp],
    "orgnet_links_rows": [C.POINTER(_u32p), _szp, _voidp],
    "orgnet_links_pair_count": [_szp, _voidp],
    "orgnet_links_partners": [C.POINTER(C.POINTER(PartnerStruct)), _szp, _voidp, C.c_uint32],
    "orgnet_links_neighbours": [C.POINTER(_u32p), _szp, _voidp, C.c_uint32],
    "orgnet_links_degree": [_u32p, _voidp, C.c_uint32],
    "orgnet_links_isolated": [C.POINTER(_u32p), _szp, _voidp],
    "orgnet_links_isolation": [C.POINTER(C.POINTER(IsolationStruct)), _szp, _voidp, C.c_int],
    "orgnet_links_components": [C.POINTER(_u32p), _szp, C.POINTER(_u32p), C.POINTER(_u32p), _szp,
                                _voidp],
    "orgnet_links_articulation_points": [C.POINTER(_u32p), _szp, _voidp],
    "orgnet_links_bridges": [C.POINTER(C.POINTER(BridgeStruct)), _szp, _voidp],
    "orgnet_links_betweenness": [C.POINTER(_dblp), _szp, _voidp, C.c_uint32, C.c_uint64],
    "orgnet_links_path": [C.POINTER(C.POINTER(PathStepStruct)), _szp, _voidp, C.c_uint32,
                          C.c_uint32, C.c_int],
    "orgnet_links_crossings": [C.POINTER(C.POINTER(C.c_uint8)), _szp,
                               C.POINTER(C.POINTER(CrossingCountsStruct)), _szp,
                               C.POINTER(CrossingCountsStruct), _voidp],
    "orgnet_links_suggest": [C.POINTER(C.POINTER(SuggestionStruct)), _szp, _voidp, C.c_uint32,
                             C.c_size_t, C.POINTER(SuggestionWeightsStruct)],
    "orgnet_matching_compute": [C.POINTER(_voidp), _voidp, C.c_int, C.POINTER(LinkFilterStruct)],
    "orgnet_matching_free": [_voidp],
    "orgnet_matching_totals": [_i64p, _i64p, _i64p, _voidp],
    "orgnet_matching_allocations": [C.POINTER(C.POINTER(AllocationStruct)), _szp, _voidp],
    "orgnet_matching_need_met": [C.POINTER(_i64p), _szp, _voidp],
    "orgnet_matching_resource_used": [C.POINTER(_i64p), _szp, _voidp],
    "orgnet_matching_unmet": [C.POINTER(_u32p), _szp, _voidp],
    "orgnet_matching_unused": [C.POINTER(_u32p), _szp, _voidp],
    "orgnet_events_compute": [C.POINTER(_voidp), _voidp, C.POINTER(EventOptionsStruct)],
    "orgnet_events_free": [_voidp],
    "orgnet_events_counts": [_i64p, _i64p, _i32p, _voidp],
    "orgnet_events_category_count": [_szp, _voidp],
    "orgnet_events_category": [C.POINTER(C.c_char_p), _szp, _voidp, C.c_size_t],
    "orgnet_events_table": [C.POINTER(C.POINTER(EventRowStruct)), _szp, _voidp, C.c_int,
                            C.c_int],
    "orgnet_events_hot_spots": [C.POINTER(C.POINTER(HotSpotStruct)), _szp, _voidp, C.c_size_t],
    "orgnet_great_circle_metres": [C.c_double, C.c_double, C.c_double, C.c_double],
    "orgnet_reach_compute": [C.POINTER(_voidp), _voidp, C.c_double],
    "orgnet_reach_free": [_voidp],
    "orgnet_reach_grids": [C.POINTER(C.POINTER(GridReachStruct)), _szp, _voidp],
    "orgnet_reach_unplaced": [C.POINTER(_u32p), _szp, _voidp, C.c_int],
    "orgnet_reach_rollup": [C.POINTER(C.POINTER(ReachRowStruct)), _szp, _voidp, C.c_int],
    "orgnet_reach_functions": [C.POINTER(_voidp), _szp, _voidp, C.c_uint32],
    "orgnet_reach_site": [C.POINTER(C.POINTER(SiteChoiceStruct)), _szp, _voidp, C.c_size_t],
    "orgnet_haves_compute": [C.POINTER(_voidp), _voidp, C.c_int, C.c_double],
    "orgnet_haves_free": [_voidp],
    "orgnet_haves_year": [_intp, _voidp],
    "orgnet_haves_communities": [C.POINTER(C.POINTER(CommunityHavesStruct)), _szp, _voidp],
    "orgnet_haves_findings": [C.POINTER(C.POINTER(HavesFindingStruct)), _szp, _voidp],
    "orgnet_haves_describe": [C.POINTER(_voidp), _szp, _voidp, C.c_size_t],
    "orgnet_haves_rule_code": [C.c_int],
    "orgnet_haves_rollup": [C.POINTER(C.POINTER(HavesRowStruct)), _szp, _voidp, C.c_int],
    "orgnet_load_options_init": [C.POINTER(LoadOptions), C.c_uint],
    "orgnet_coverage_rules_init": [C.POINTER(CoverageRulesStruct), C.c_uint],
    "orgnet_link_filter_init": [C.POINTER(LinkFilterStruct), C.c_uint],
    "orgnet_suggestion_weights_init": [C.POINTER(SuggestionWeightsStruct), C.c_uint],
    "orgnet_event_options_init": [C.POINTER(EventOptionsStruct), C.c_uint],
}
_RESTYPES = {"orgnet_version": C.c_char_p, "orgnet_last_error": C.c_char_p,
             "orgnet_status_string": C.c_char_p, "orgnet_clear_error": None,
             "orgnet_network_free": None, "orgnet_string_free": None,
             "orgnet_indexes_free": None, "orgnet_report_free": None,
             "orgnet_builder_free": None, "orgnet_edit_batch_free": None,
             "orgnet_coverage_free": None, "orgnet_links_free": None, "orgnet_free": None,
             "orgnet_matching_free": None, "orgnet_events_free": None,
             "orgnet_reach_free": None, "orgnet_haves_free": None,
             "orgnet_great_circle_metres": C.c_double, "orgnet_haves_rule_code": C.c_char_p, "orgnet_coverage_counter_name": C.c_char_p,
             "orgnet_coverage_rate_name": C.c_char_p, "orgnet_coverage_rollup_name": C.c_char_p}


def _load():
    path = _libpath.find_library()
    library = C.CDLL(path)
    for name, argtypes in _SIGNATURES.items():
        function = getattr(library, name)
        function.argtypes = argtypes
        function.restype = _RESTYPES.get(name, C.c_int)
    if library.orgnet_abi_version() != ABI_VERSION:
        raise ImportError("%s speaks C ABI %d; this package needs ABI %d" %
                          (path, library.orgnet_abi_version(), ABI_VERSION))
    library.path = path
    return library


lib = _load()


def take_string(function, *args) -> str:
    """Calls ``function(&text, &length, *args)``, returns the UTF-8 text it allocated and frees
    it with orgnet_string_free()."""
    text, length = C.c_void_p(), C.c_size_t()
    check(function(C.byref(text), C.byref(length), *args))
    try:
        return C.string_at(text.value, length.value).decode("utf-8") if length.value else ""
    finally:
        lib.orgnet_string_free(text)


def check(status: int) -> None:
    """Raises the orgnet.Error subclass for a failed call, with the library's message."""
    if status != 0:
        message = lib.orgnet_last_error().decode("utf-8", "replace")
        raise error_for(status, message)


def defaults(struct_type, init_name: str, version: int = 1):
    """A struct filled with the library's defaults by its init function (the C++ defaults:
    the one place where they are written)."""
    struct = struct_type()
    check(getattr(lib, init_name)(C.byref(struct), version))
    return struct
