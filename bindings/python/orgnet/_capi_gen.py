"""ctypes declarations of the C ABI, generated from tools/abi/orgnet_abi.json (the
description of include/orgnet/orgnet.h) by tools/abi/emit_python.py: do not edit
(a test regenerates it and fails on any difference)."""

# fmt: off
import ctypes as C
import enum as _enum
from dataclasses import dataclass as _dataclass
from datetime import date as _date
from math import isnan as _isnan
from typing import Optional as _Optional, Tuple as _Tuple, Union as _Union


class _Enumeration(_enum.IntEnum):
    """An enumeration of the C ABI: an int that prints its name and knows its label."""

    @property
    def label(self) -> str:
        """The lower-case name bindings show (the header's @abi{label}, else the name)."""
        return type(self)._labels[self.value]

    @classmethod
    def labels(cls) -> tuple:
        """Every member's label, in the header's order."""
        return tuple(member.label for member in cls)

    @classmethod
    def from_label(cls, label: str):
        """The member whose label is ``label`` (KeyError otherwise)."""
        for member in cls:
            if member.label == label:
                return member
        raise KeyError(label)


class _Flags(_enum.IntFlag):
    """A set of flags of the C ABI: each bit knows its label."""

    @classmethod
    def labels_of(cls, value: int) -> frozenset:
        """The labels of the bits set in ``value``."""
        return frozenset(label for bit, label in cls._labels.items() if value & bit)


# ---------------------------------------------------------------- constants
ORGNET_OK = 0
ORGNET_CANCELLED = 1
ORGNET_UNKNOWN = 2
ORGNET_INVALID_ARGUMENT = 3
ORGNET_NOT_FOUND = 5
ORGNET_ALREADY_EXISTS = 6
ORGNET_PERMISSION_DENIED = 7
ORGNET_RESOURCE_EXHAUSTED = 8
ORGNET_FAILED_PRECONDITION = 9
ORGNET_OUT_OF_RANGE = 11
ORGNET_UNIMPLEMENTED = 12
ORGNET_INTERNAL = 13
ORGNET_UNAVAILABLE = 14
ORGNET_DATA_LOSS = 15
ORGNET_NONE = 4294967295
ORGNET_NO_DATE = -2147483648
ORGNET_DATASET_DATE = -2147483647
ORGNET_NO_INTEGER = -9223372036854775808
ORGNET_TABLE_ORGS = 0
ORGNET_TABLE_GRIDS = 1
ORGNET_TABLE_UNITS = 2
ORGNET_TABLE_MEMBERS = 3
ORGNET_TABLE_STAFF = 4
ORGNET_TABLE_LINKS = 5
ORGNET_TABLE_NEEDS = 6
ORGNET_TABLE_RESOURCES = 7
ORGNET_TABLE_CENTRES = 8
ORGNET_TABLE_EVENTS = 9
ORGNET_TABLE_FUNDS = 10
ORGNET_TABLE_COUNT = 11
ORGNET_COLUMN_ID = 0
ORGNET_COLUMN_TEXT = 1
ORGNET_COLUMN_REF = 2
ORGNET_COLUMN_DATE = 3
ORGNET_COLUMN_INTEGER = 4
ORGNET_COLUMN_REAL = 5
ORGNET_COLUMN_FLAG = 6
ORGNET_COLUMN_STATUS = 7
ORGNET_ERROR = 0
ORGNET_WARNING = 1
ORGNET_ROLLUP_GRID = 0
ORGNET_ROLLUP_COMMUNITY = 1
ORGNET_ROLLUP_STREET = 2
ORGNET_ROLLUP_DISTRICT = 3
ORGNET_ROLLUP_ORG = 4
ORGNET_ROLLUP_COUNT = 5
ORGNET_LEVEL_COMMUNITY = 1
ORGNET_LEVEL_STREET = 2
ORGNET_LEVEL_DISTRICT = 3
ORGNET_IN_GRIDS = 0
ORGNET_IN_UNITS = 1
ORGNET_IN_ORGS = 2
ORGNET_IN_STAFF = 3
ORGNET_LOAD_OPTIONS_VERSION = 1
ORGNET_FOLDER_DATASET = 0
ORGNET_FOLDER_EXPORT = 1
ORGNET_SNAPSHOT_OPTIONS_VERSION = 1
ORGNET_SNAPSHOT_VERIFIED = 0
ORGNET_SNAPSHOT_TRUSTED = 1
ORGNET_SNAPSHOT_FORMAT_VERSION = 1
ORGNET_OUTSIDE = 4294967294
ORGNET_SCOPE_SPEC_VERSION = 1
ORGNET_MISSING_FAIL = 0
ORGNET_MISSING_NONE = 1
ORGNET_COVERAGE_OWN = 0
ORGNET_COVERAGE_JOINT = 1
ORGNET_COVERAGE_WORK = 2
ORGNET_COVERAGE_NONE = 3
ORGNET_COUNTER_UNITS = 0
ORGNET_COUNTER_UNITS_COUNTED = 1
ORGNET_COUNTER_UNITS_OWN = 2
ORGNET_COUNTER_UNITS_JOINT = 3
ORGNET_COUNTER_UNITS_WORK = 4
ORGNET_COUNTER_UNITS_NONE = 5
ORGNET_COUNTER_GRIDS = 6
ORGNET_COUNTER_GRIDS_MANAGED = 7
ORGNET_COUNTER_MANAGERS = 8
ORGNET_COUNTER_INFORMANTS = 9
ORGNET_COUNTER_MEMBERS = 10
ORGNET_COUNTER_MEMBERS_ATTACHED = 11
ORGNET_COUNTER_MEMBERS_EMPLOYED = 12
ORGNET_COUNTER_MEMBERS_REGISTERED = 13
ORGNET_COUNTER_COUNT = 14
ORGNET_RATE_ORG_COVERAGE = 0
ORGNET_RATE_SEPARATE_ORG = 1
ORGNET_RATE_WORK_COVERAGE = 2
ORGNET_RATE_MANAGERS_PER_GRID = 3
ORGNET_RATE_INFORMANTS_PER_GRID = 4
ORGNET_RATE_MEMBER_ATTACHMENT = 5
ORGNET_RATE_MEMBER_REGISTRATION = 6
ORGNET_RATE_COUNT = 7
ORGNET_COVERAGE_RULES_VERSION = 1
ORGNET_LINK_FILTER_VERSION = 1
ORGNET_ACROSS_COMMUNITIES = 1
ORGNET_ACROSS_STREETS = 2
ORGNET_ACROSS_DISTRICTS = 4
ORGNET_OUTSIDE_LED = 8
ORGNET_UNPLACED = 16
ORGNET_STEP_LINK = 0
ORGNET_STEP_LEADS = 1
ORGNET_STEP_LED_BY = 2
ORGNET_SUGGESTION_WEIGHTS_VERSION = 1
ORGNET_MATCH_LINKED = 0
ORGNET_MATCH_SAME_STREET = 1
ORGNET_MATCH_EITHER = 2
ORGNET_BACKLOG_BOUNDS = 3
ORGNET_BACKLOG_CLASSES = 4
ORGNET_EVENT_OPTIONS_VERSION = 1
ORGNET_EVENTS_TOTAL = 0
ORGNET_EVENTS_BY_CATEGORY = 1
ORGNET_EVENTS_BY_MONTH = 2
ORGNET_DEFAULT_REACH_METRES = 1000.0
ORGNET_HAVES_WITHOUT_PEOPLE = 0
ORGNET_HAVES_WITHOUT_MONEY = 1
ORGNET_HAVES_WITHOUT_PLACE = 2
ORGNET_RESULT_RUNS = 0
ORGNET_RESULT_COVERAGE_ROLLUP = 1
ORGNET_RESULT_COVERAGE_FINDINGS = 2
ORGNET_RESULT_MATCHING = 3
ORGNET_RESULT_EVENTS_ROLLUP = 4
ORGNET_RESULT_REACH_ROLLUP = 5
ORGNET_RESULT_HAVES_COMMUNITIES = 6
ORGNET_RESULT_HAVES_ROLLUP = 7
ORGNET_RESULT_TABLE_COUNT = 8
ORGNET_BAD_TRANSACTION_STOP = 0
ORGNET_BAD_TRANSACTION_SKIP = 1
ORGNET_FOLLOWER_OPTIONS_VERSION = 1


# ---------------------------------------------------------------- enumerations
# The header's @abi{enum ...} and @abi{flags ...} sets: members as the header
# numbers them, each with the label bindings show (``member.label``).


class Status(_Enumeration):
    """Status codes (absl::StatusCode numbers) (the C constants ORGNET_*)."""
    OK = 0  #: success
    CANCELLED = 1  #: the progress handler stopped the call (nothing was made)
    UNKNOWN = 2  #: an error with no better code
    INVALID_ARGUMENT = 3  #: bad argument or bad data (a failed load or build)
    NOT_FOUND = 5  #: unknown id, missing file or folder
    ALREADY_EXISTS = 6  #: an id that must be new is taken
    PERMISSION_DENIED = 7  #: a file or folder cannot be written
    RESOURCE_EXHAUSTED = 8  #: out of memory
    FAILED_PRECONDITION = 9  #: the call does not fit the object's state
    OUT_OF_RANGE = 11  #: an index past the end
    UNIMPLEMENTED = 12  #: not supported
    INTERNAL = 13  #: a bug in orgnet: please report it
    UNAVAILABLE = 14  #: a database server cannot be reached or refused the login
    DATA_LOSS = 15  #: a write failed part-way, or a snapshot file is damaged


Status._labels = {0: 'ok', 1: 'cancelled', 2: 'unknown', 3: 'invalid_argument', 5: 'not_found', 6: 'already_exists', 7: 'permission_denied', 8: 'resource_exhausted', 9: 'failed_precondition', 11: 'out_of_range', 12: 'unimplemented', 13: 'internal', 14: 'unavailable', 15: 'data_loss'}


class Table(_Enumeration):
    """Tables (the files of a dataset, format version 1) (the C constants ORGNET_TABLE_*)."""
    ORGS = 0  #: orgs.csv
    GRIDS = 1  #: grids.csv
    UNITS = 2  #: units.csv
    MEMBERS = 3  #: members.csv
    STAFF = 4  #: staff.csv
    LINKS = 5  #: links.csv
    NEEDS = 6  #: needs.csv
    RESOURCES = 7  #: resources.csv
    CENTRES = 8  #: centres.csv
    EVENTS = 9  #: events.csv
    FUNDS = 10  #: funds.csv


Table._labels = {0: 'orgs', 1: 'grids', 2: 'units', 3: 'members', 4: 'staff', 5: 'links', 6: 'needs', 7: 'resources', 8: 'centres', 9: 'events', 10: 'funds'}


class ColumnType(_Enumeration):
    """Column types (the C constants ORGNET_COLUMN_*)."""
    ID = 0  #: unique id text: orgnet_network_text()
    TEXT = 1  #: free text (and every extra column): orgnet_network_text()
    REF = 2  #: reference: orgnet_network_ref(), or the id by _text()
    DATE = 3  #: date: orgnet_network_date()
    INTEGER = 4  #: integer: orgnet_network_integer()
    REAL = 5  #: real: orgnet_network_real()
    FLAG = 6  #: flag: orgnet_network_flag()
    STATUS = 7  #: member status: orgnet_network_status() (0 formal, 1 probationary)


ColumnType._labels = {0: 'id', 1: 'text', 2: 'ref', 3: 'date', 4: 'integer', 5: 'real', 6: 'flag', 7: 'status'}


class Severity(_Enumeration):
    """Diagnostic severities (the C constants ORGNET_*)."""
    ERROR = 0  #: an error: the load or build failed
    WARNING = 1  #: a warning: reported, the load went on


Severity._labels = {0: 'error', 1: 'warning'}


class RollUp(_Enumeration):
    """Roll-ups: the territory's four levels and the leadership tree (one set of numbers for both; the ORGNET_LEVEL_* names below are the older names of the territorial ones) (the C constants ORGNET_ROLLUP_*)."""
    GRID = 0  #: per grid (rows are grid rows)
    COMMUNITY = 1  #: per community organization (org rows)
    STREET = 2  #: per street (org rows)
    DISTRICT = 3  #: per district (org rows)
    ORG = 4  #: per organization's leadership subtree (org rows)


RollUp._labels = {0: 'grid', 1: 'community', 2: 'street', 3: 'district', 4: 'org'}


class Level(_Enumeration):
    """Territory levels and listings (the C constants ORGNET_LEVEL_*)."""
    COMMUNITY = 1  #: community (orgnet_territory_unknown())
    STREET = 2  #: street
    DISTRICT = 3  #: district


Level._labels = {1: 'community', 2: 'street', 3: 'district'}


class Listing(_Enumeration):
    """Territory levels and listings (the C constants ORGNET_IN_*)."""
    GRIDS = 0  #: orgnet_territory_in(): grids located in a territory org
    UNITS = 1  #: orgnet_territory_in(): units
    ORGS = 2  #: orgnet_territory_in(): organizations
    STAFF = 3  #: orgnet_territory_in(): staff


Listing._labels = {0: 'grids', 1: 'units', 2: 'orgs', 3: 'staff'}


class FolderKind(_Enumeration):
    """Folder kinds (orgnet_output_folder_open()) (the C constants ORGNET_FOLDER_*)."""
    DATASET = 0  #: A dataset folder: replaces a new, empty or dataset folder (one holding a table file or `manifest.csv`); carries over every entry that is not a table file or the manifest, and refuses to leave a table file the new folder does not write.
    EXPORT = 1  #: An export's folder: replaces a new, empty or earlier export's folder (one holding the marker `.orgnet-export`, which lists the files it wrote); carries over the entries the earlier export did not write.


FolderKind._labels = {0: 'dataset', 1: 'export'}


class SnapshotCheck(_Enumeration):
    """SnapshotCheck (the C constants ORGNET_SNAPSHOT_*)."""
    VERIFIED = 0  #: Every section's checksum and every stored value checked before the network is handed out: a damaged or crafted file is rejected and cannot make a later read go out of bounds.
    TRUSTED = 1  #: Only the header, directory and catalog checked: for files the application wrote itself.


SnapshotCheck._labels = {0: 'verified', 1: 'trusted'}


class Missing(_Enumeration):
    """Missing (the C constants ORGNET_MISSING_*)."""
    FAIL = 0  #: ::ORGNET_NOT_FOUND naming the first one (nothing written)
    NONE = 1  #: ::ORGNET_NONE in its place


Missing._labels = {0: 'fail', 1: 'none'}


class UnitCoverage(_Enumeration):
    """Unit coverage values (orgnet_coverage_units()) (the C constants ORGNET_COVERAGE_*)."""
    OWN = 0  #: its own organization
    JOINT = 1  #: a joint or regional organization
    WORK = 2  #: work coverage only (instructor or liaison)
    NONE = 3  #: neither


UnitCoverage._labels = {0: 'own', 1: 'joint', 2: 'work', 3: 'none'}


class Counter(_Enumeration):
    """Coverage counters (orgnet_coverage_rollup_counter(); names: orgnet_coverage_counter_name()) (the C constants ORGNET_COUNTER_*)."""
    UNITS = 0  #: units of any kind
    UNITS_COUNTED = 1  #: units of a counted kind
    UNITS_OWN = 2  #: counted units with their own organization
    UNITS_JOINT = 3  #: counted units covered through a joint organization
    UNITS_WORK = 4  #: counted units with work coverage only
    UNITS_NONE = 5  #: counted units reached by neither
    GRIDS = 6  #: grids
    GRIDS_MANAGED = 7  #: grids with at least one grid manager
    MANAGERS = 8  #: grid managers
    INFORMANTS = 9  #: grid informants
    MEMBERS = 10  #: party members
    MEMBERS_ATTACHED = 11  #: members attached to an organization
    MEMBERS_EMPLOYED = 12  #: members with a workplace unit
    MEMBERS_REGISTERED = 13  #: employed members registered with a community


Counter._labels = {0: 'units', 1: 'units_counted', 2: 'units_own', 3: 'units_joint', 4: 'units_work', 5: 'units_none', 6: 'grids', 7: 'grids_managed', 8: 'managers', 9: 'informants', 10: 'members', 11: 'members_attached', 12: 'members_employed', 13: 'members_registered'}


class Rate(_Enumeration):
    """Coverage rates (orgnet_coverage_rollup_rate(); names: orgnet_coverage_rate_name()) (the C constants ORGNET_RATE_*)."""
    ORG_COVERAGE = 0  #: (own + joint) / counted units
    SEPARATE_ORG = 1  #: own / counted units (单独组建率)
    WORK_COVERAGE = 2  #: (own + joint + work) / counted units
    MANAGERS_PER_GRID = 3  #: grid managers / grids
    INFORMANTS_PER_GRID = 4  #: grid informants / grids
    MEMBER_ATTACHMENT = 5  #: attached members / members
    MEMBER_REGISTRATION = 6  #: registered / employed members


Rate._labels = {0: 'org_coverage', 1: 'separate_org', 2: 'work_coverage', 3: 'managers_per_grid', 4: 'informants_per_grid', 5: 'member_attachment', 6: 'member_registration'}


class Crossing(_Flags):
    """Link crossing bits (orgnet_links_crossings()) (the C constants ORGNET_*)."""
    ACROSS_COMMUNITIES = 1  #: both communities known and different
    ACROSS_STREETS = 2  #: both streets known and different
    ACROSS_DISTRICTS = 4  #: both districts known and different
    OUTSIDE_LED = 8  #: a unit org led from outside its street meets one of that street's own
    UNPLACED = 16  #: an end with neither community nor street


Crossing._labels = {1: 'communities', 2: 'streets', 4: 'districts', 8: 'outside_led', 16: 'unplaced'}


class StepKind(_Enumeration):
    """Path step kinds (orgnet_path_step.kind) (the C constants ORGNET_STEP_*)."""
    LINK = 0  #: a co-building link
    LEADS = 1  #: parent to child
    LED_BY = 2  #: child to parent


StepKind._labels = {0: 'link', 1: 'leads', 2: 'led_by'}


class MatchScope(_Enumeration):
    """Matching scopes (the C constants ORGNET_MATCH_*)."""
    LINKED = 0  #: organizations linked under the filter
    SAME_STREET = 1  #: organizations in the same known street
    EITHER = 2  #: either (the default); an organization may always serve its own need


MatchScope._labels = {0: 'linked', 1: 'same_street', 2: 'either'}


class EventTable(_Enumeration):
    """Event tables (orgnet_events_rollup()) (the C constants ORGNET_EVENTS_*)."""
    TOTAL = 0  #: one row per place
    BY_CATEGORY = 1  #: per place and category, pairs with events
    BY_MONTH = 2  #: per place and month of report, pairs with events


EventTable._labels = {0: 'total', 1: 'category', 2: 'month'}


class HavesRule(_Enumeration):
    """Three-haves rules (the C constants ORGNET_HAVES_*)."""
    WITHOUT_PEOPLE = 0  #: "community_without_people"
    WITHOUT_MONEY = 1  #: "community_without_money"
    WITHOUT_PLACE = 2  #: "community_without_place"


HavesRule._labels = {0: 'without_people', 1: 'without_money', 2: 'without_place'}


class ResultTable(_Enumeration):
    """Result tables (orgnet_result_writer_set_table()) (the C constants ORGNET_RESULT_*)."""
    RUNS = 0  #: one row per run key
    COVERAGE_ROLLUP = 1  #: coverage counters and rates, every level
    COVERAGE_FINDINGS = 2  #: coverage findings
    MATCHING = 3  #: matching allocations
    EVENTS_ROLLUP = 4  #: event totals, per category and per month
    REACH_ROLLUP = 5  #: service-centre reach
    HAVES_COMMUNITIES = 6  #: the three haves of every community
    HAVES_ROLLUP = 7  #: the three haves per street and district


ResultTable._labels = {0: 'runs', 1: 'coverage_rollup', 2: 'coverage_findings', 3: 'matching', 4: 'events_rollup', 5: 'reach_rollup', 6: 'haves_communities', 7: 'haves_rollup'}


class BadTransactionPolicy(_Enumeration):
    """What a follower does with a transaction the dataset's rules refuse (the C constants ORGNET_BAD_TRANSACTION_*)."""
    STOP = 0  #: keep the last good version and stop following
    SKIP = 1  #: skip it and go on: the network has then diverged


BadTransactionPolicy._labels = {0: 'stop', 1: 'skip'}


# ---------------------------------------------------------------- handles
# One type per opaque handle: passing one where another belongs fails in ctypes.


class orgnet_network(C.Structure):
    """The opaque C type orgnet_network (used through POINTER)."""


class orgnet_report(C.Structure):
    """The opaque C type orgnet_report (used through POINTER)."""


class orgnet_builder(C.Structure):
    """The opaque C type orgnet_builder (used through POINTER)."""


class orgnet_edit_batch(C.Structure):
    """The opaque C type orgnet_edit_batch (used through POINTER)."""


class orgnet_output(C.Structure):
    """The opaque C type orgnet_output (used through POINTER)."""


class orgnet_output_folder(C.Structure):
    """The opaque C type orgnet_output_folder (used through POINTER)."""


class orgnet_coverage(C.Structure):
    """The opaque C type orgnet_coverage (used through POINTER)."""


class orgnet_diff(C.Structure):
    """The opaque C type orgnet_diff (used through POINTER)."""


class orgnet_coverage_diff(C.Structure):
    """The opaque C type orgnet_coverage_diff (used through POINTER)."""


class orgnet_links(C.Structure):
    """The opaque C type orgnet_links (used through POINTER)."""


class orgnet_matching(C.Structure):
    """The opaque C type orgnet_matching (used through POINTER)."""


class orgnet_events(C.Structure):
    """The opaque C type orgnet_events (used through POINTER)."""


class orgnet_reach(C.Structure):
    """The opaque C type orgnet_reach (used through POINTER)."""


class orgnet_haves(C.Structure):
    """The opaque C type orgnet_haves (used through POINTER)."""


class orgnet_result_writer(C.Structure):
    """The opaque C type orgnet_result_writer (used through POINTER)."""


class orgnet_follower(C.Structure):
    """The opaque C type orgnet_follower (used through POINTER)."""


# ---------------------------------------------------------------- structs


class orgnet_load_options(C.Structure):
    """The C struct orgnet_load_options."""
    _fields_ = [
        ("version", C.c_uint),
        ("max_errors", C.c_int),
        ("max_warnings", C.c_int),
        ("threads", C.c_int),
    ]


class orgnet_diagnostic(C.Structure):
    """The C struct orgnet_diagnostic."""
    _fields_ = [
        ("severity", C.c_int),
        ("file", C.c_char_p),
        ("line", C.c_int64),
        ("row", C.c_int64),
        ("column", C.c_char_p),
        ("byte", C.c_int64),
        ("message", C.c_char_p),
        ("text", C.c_char_p),
        ("key", C.c_char_p),
    ]


class orgnet_place(C.Structure):
    """The C struct orgnet_place."""
    _fields_ = [
        ("grid", C.c_uint32),
        ("community", C.c_uint32),
        ("street", C.c_uint32),
        ("district", C.c_uint32),
    ]


class orgnet_snapshot_options(C.Structure):
    """The C struct orgnet_snapshot_options."""
    _fields_ = [
        ("version", C.c_uint),
        ("check", C.c_int),
        ("threads", C.c_int),
        ("load_into_memory", C.c_int),
    ]


class orgnet_scope_spec(C.Structure):
    """The C struct orgnet_scope_spec."""
    _fields_ = [
        ("version", C.c_uint),
        ("orgs", C.POINTER(C.c_char_p)),
        ("org_lens", C.POINTER(C.c_size_t)),
        ("org_count", C.c_size_t),
        ("places", C.POINTER(C.c_char_p)),
        ("place_lens", C.POINTER(C.c_size_t)),
        ("place_count", C.c_size_t),
        ("personal", C.c_int),
    ]


class orgnet_coverage_rules(C.Structure):
    """The C struct orgnet_coverage_rules."""
    _fields_ = [
        ("version", C.c_uint),
        ("counted_unit_kinds", C.POINTER(C.c_char_p)),
        ("counted_unit_kind_lens", C.POINTER(C.c_size_t)),
        ("counted_unit_kind_count", C.c_size_t),
        ("own_org_min_formal", C.c_int),
        ("joint_max_units", C.c_int),
        ("branch_max_members", C.c_int),
        ("general_branch_max_members", C.c_int),
        ("branch_min_formal", C.c_int),
        ("group_min_members", C.c_int),
        ("registration_min_rate", C.c_double),
        ("mobile_transfer_months", C.c_int),
        ("lost_contact_months", C.c_int),
        ("grid_min_households", C.c_int64),
        ("grid_max_households", C.c_int64),
        ("as_of", C.c_int32),
    ]


class orgnet_rule_info(C.Structure):
    """The C struct orgnet_rule_info."""
    _fields_ = [
        ("code", C.c_char_p),
        ("table", C.c_int),
        ("summary", C.c_char_p),
        ("source", C.c_char_p),
        ("needs", C.c_char_p),
    ]


class orgnet_finding(C.Structure):
    """The C struct orgnet_finding."""
    _fields_ = [
        ("rule", C.c_int32),
        ("table", C.c_int32),
        ("row", C.c_uint32),
        ("padding", C.c_uint32),
        ("value", C.c_int64),
        ("limit", C.c_int64),
    ]


class orgnet_disagreement(C.Structure):
    """The C struct orgnet_disagreement."""
    _fields_ = [
        ("org", C.c_uint32),
        ("street", C.c_uint32),
        ("leading_street", C.c_uint32),
    ]


class orgnet_table_diff(C.Structure):
    """The C struct orgnet_table_diff."""
    _fields_ = [
        ("added", C.c_size_t),
        ("removed", C.c_size_t),
        ("changed", C.c_size_t),
        ("unchanged", C.c_size_t),
        ("duplicates_before", C.c_size_t),
        ("duplicates_after", C.c_size_t),
        ("columns_added", C.c_size_t),
        ("columns_removed", C.c_size_t),
    ]


class orgnet_place_delta(C.Structure):
    """The C struct orgnet_place_delta."""
    _fields_ = [
        ("level", C.c_int32),
        ("before_row", C.c_uint32),
        ("after_row", C.c_uint32),
        ("padding", C.c_uint32),
        ("id", C.c_char_p),
        ("id_len", C.c_size_t),
        ("name", C.c_char_p),
        ("name_len", C.c_size_t),
        ("before_rates", C.c_double * 7),
        ("after_rates", C.c_double * 7),
        ("before_findings", C.POINTER(C.c_int64)),
        ("after_findings", C.POINTER(C.c_int64)),
    ]


class orgnet_unit_move(C.Structure):
    """The C struct orgnet_unit_move."""
    _fields_ = [
        ("id", C.c_char_p),
        ("id_len", C.c_size_t),
        ("before_row", C.c_uint32),
        ("after_row", C.c_uint32),
        ("before", C.c_int32),
        ("after", C.c_int32),
    ]


class orgnet_link_filter(C.Structure):
    """The C struct orgnet_link_filter."""
    _fields_ = [
        ("version", C.c_uint),
        ("on", C.c_int32),
        ("kinds", C.POINTER(C.c_char_p)),
        ("kind_lens", C.POINTER(C.c_size_t)),
        ("kind_count", C.c_size_t),
    ]


class orgnet_partner(C.Structure):
    """The C struct orgnet_partner."""
    _fields_ = [
        ("org", C.c_uint32),
        ("link", C.c_uint32),
    ]


class orgnet_bridge(C.Structure):
    """The C struct orgnet_bridge."""
    _fields_ = [
        ("a", C.c_uint32),
        ("b", C.c_uint32),
    ]


class orgnet_isolation(C.Structure):
    """The C struct orgnet_isolation."""
    _fields_ = [
        ("place", C.c_uint32),
        ("orgs", C.c_uint32),
        ("isolated", C.c_uint32),
        ("share", C.c_double),
    ]


class orgnet_crossing_counts(C.Structure):
    """The C struct orgnet_crossing_counts."""
    _fields_ = [
        ("street", C.c_uint32),
        ("links", C.c_uint32),
        ("across_communities", C.c_uint32),
        ("across_streets", C.c_uint32),
        ("across_districts", C.c_uint32),
        ("outside_led", C.c_uint32),
        ("unplaced", C.c_uint32),
    ]


class orgnet_path_step(C.Structure):
    """The C struct orgnet_path_step."""
    _fields_ = [
        ("from_", C.c_uint32),
        ("to", C.c_uint32),
        ("kind", C.c_int32),
        ("link", C.c_uint32),
    ]


class orgnet_suggestion_weights(C.Structure):
    """The C struct orgnet_suggestion_weights."""
    _fields_ = [
        ("version", C.c_uint),
        ("same_grid", C.c_double),
        ("same_community", C.c_double),
        ("common_partner", C.c_double),
        ("need_resource", C.c_double),
    ]


class orgnet_suggestion(C.Structure):
    """The C struct orgnet_suggestion."""
    _fields_ = [
        ("org", C.c_uint32),
        ("common_partners", C.c_uint32),
        ("score", C.c_double),
        ("same_grid", C.c_int),
        ("same_community", C.c_int),
        ("meets_need", C.c_int),
        ("needs_offer", C.c_int),
    ]


class orgnet_allocation(C.Structure):
    """The C struct orgnet_allocation."""
    _fields_ = [
        ("need", C.c_uint32),
        ("resource", C.c_uint32),
        ("amount", C.c_int64),
    ]


class orgnet_event_options(C.Structure):
    """The C struct orgnet_event_options."""
    _fields_ = [
        ("version", C.c_uint),
        ("from_", C.c_int32),
        ("to", C.c_int32),
        ("as_of", C.c_int32),
        ("backlog_days", C.c_int32 * 3),
        ("hot_spot_min_events", C.c_int32),
    ]


class orgnet_event_row(C.Structure):
    """The C struct orgnet_event_row."""
    _fields_ = [
        ("place", C.c_uint32),
        ("category", C.c_int32),
        ("month", C.c_int32),
        ("reported", C.c_uint32),
        ("resolved_grid", C.c_uint32),
        ("resolved_above", C.c_uint32),
        ("resolved_unknown", C.c_uint32),
        ("open", C.c_uint32),
        ("median_days", C.c_int32),
        ("p90_days", C.c_int32),
        ("backlog", C.c_uint32 * 4),
    ]


class orgnet_hot_spot(C.Structure):
    """The C struct orgnet_hot_spot."""
    _fields_ = [
        ("grid", C.c_uint32),
        ("category", C.c_int32),
        ("events", C.c_uint32),
        ("households", C.c_int64),
        ("rate", C.c_double),
        ("street_rate", C.c_double),
        ("score", C.c_double),
    ]


class orgnet_grid_reach(C.Structure):
    """The C struct orgnet_grid_reach."""
    _fields_ = [
        ("nearest", C.c_uint32),
        ("placed", C.c_int32),
        ("reached", C.c_int32),
        ("metres", C.c_double),
    ]


class orgnet_reach_row(C.Structure):
    """The C struct orgnet_reach_row."""
    _fields_ = [
        ("place", C.c_uint32),
        ("grids", C.c_uint32),
        ("grids_placed", C.c_uint32),
        ("grids_reached", C.c_uint32),
        ("households", C.c_int64),
        ("households_reached", C.c_int64),
        ("households_unplaced", C.c_int64),
        ("units", C.c_uint32),
        ("units_reached", C.c_uint32),
    ]


class orgnet_site_choice(C.Structure):
    """The C struct orgnet_site_choice."""
    _fields_ = [
        ("grid", C.c_uint32),
        ("grids_added", C.c_uint32),
        ("households_added", C.c_int64),
    ]


class orgnet_funds(C.Structure):
    """The C struct orgnet_funds."""
    _fields_ = [
        ("dues", C.c_int64),
        ("fiscal", C.c_int64),
        ("sponsor", C.c_int64),
        ("other", C.c_int64),
    ]


class orgnet_community_haves(C.Structure):
    """The C struct orgnet_community_haves."""
    _fields_ = [
        ("community", C.c_uint32),
        ("grids", C.c_uint32),
        ("grids_managed", C.c_uint32),
        ("managers", C.c_uint32),
        ("other_staff", C.c_uint32),
        ("people", C.c_int32),
        ("money", C.c_int32),
        ("place_in_community", C.c_int32),
        ("place_within_reach", C.c_int32),
        ("place", C.c_int32),
        ("funds", orgnet_funds),
    ]


class orgnet_haves_finding(C.Structure):
    """The C struct orgnet_haves_finding."""
    _fields_ = [
        ("rule", C.c_int32),
        ("community", C.c_uint32),
    ]


class orgnet_haves_row(C.Structure):
    """The C struct orgnet_haves_row."""
    _fields_ = [
        ("place", C.c_uint32),
        ("communities", C.c_uint32),
        ("with_people", C.c_uint32),
        ("with_money", C.c_uint32),
        ("with_place", C.c_uint32),
        ("with_all", C.c_uint32),
        ("funds", orgnet_funds),
    ]


class orgnet_follower_options(C.Structure):
    """The C struct orgnet_follower_options."""
    _fields_ = [
        ("version", C.c_uint),
        ("slot", C.c_char_p),
        ("slot_len", C.c_size_t),
        ("publication", C.c_char_p),
        ("publication_len", C.c_size_t),
        ("on_bad_transaction", C.c_int),
        ("snapshot_folder", C.c_char_p),
        ("snapshot_folder_len", C.c_size_t),
        ("snapshot_seconds", C.c_double),
        ("snapshot_transactions", C.c_uint64),
    ]


class orgnet_follower_state(C.Structure):
    """The C struct orgnet_follower_state."""
    _fields_ = [
        ("running", C.c_int),
        ("diverged", C.c_int),
        ("error", C.c_int),
        ("applied_lsn", C.c_uint64),
        ("server_lsn", C.c_uint64),
        ("lag_bytes", C.c_uint64),
        ("lag_seconds", C.c_double),
        ("transactions", C.c_uint64),
        ("skipped", C.c_uint64),
        ("snapshot_lsn", C.c_uint64),
        ("snapshot_error", C.c_int),
        ("resumed", C.c_int),
        ("reconnecting", C.c_int),
        ("reconnects", C.c_uint64),
    ]


# ---------------------------------------------------------------- result rows
# One dataclass per @abi{row NAME ...} struct. from_structs(structs, context) converts
# the library's structs; ``context`` gives what the structs only point to:
#   context.ids(table)            ids by row of a table (label, number or "place")
#   context.column(table, name)   a column's cells by row, as Python values
#   context.list(name)            a list the library names by index (rules, ...)
#   context.value(name, i, s)     a value the caller gives for row i (struct s)
#   context.outside               what a row outside a scoped view reads as


def _ref(ids, row, outside):
    """The id of a row; None for ORGNET_NONE, ``outside`` for ORGNET_OUTSIDE."""
    if row == ORGNET_NONE:
        return None
    if row == ORGNET_OUTSIDE:
        return outside
    return ids[row]


def _cell(cells, row):
    """The cell of a row; None for ORGNET_NONE and ORGNET_OUTSIDE."""
    return None if row == ORGNET_NONE or row == ORGNET_OUTSIDE else cells[row]


def _text(struct, field, length):
    """The text a struct's pointer field holds: NUL-terminated, or ``length`` bytes."""
    if length is None:
        raw = getattr(struct, field)
        return raw.decode("utf-8") if raw else ""
    address = C.c_void_p.from_buffer(struct, getattr(type(struct), field).offset).value
    return C.string_at(address, length).decode("utf-8") if length else ""


def _month(value):
    """year * 12 + month - 1 as "YYYY-MM"; None for -1."""
    return None if value < 0 else "%04d-%02d" % (value // 12, value % 12 + 1)


@_dataclass(frozen=True)
class Diagnostic:
    """One diagnostic of a report; strings borrowed from the report, NUL-terminated (the C struct orgnet_diagnostic)."""

    severity: str  #: ORGNET_ERROR or ORGNET_WARNING (as its label)
    file: str  #: file path ("" for a folder-level problem)
    line: int  #: physical line where the record starts (1 = header); 0 = unknown
    row: int  #: for builder rows: 0-based row, else -1
    column: str  #: header name of the column, or ""
    byte: int  #: syntax errors: byte offset in the line, else -1
    message: str  #: what is wrong
    text: str  #: the whole diagnostic on one line, as orgnet_last_error() shows it
    key: str  #: a database load's row key (its id), else "": orgnet_network_load_database()

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_diagnostic structs (see the comment above _ref)."""
        return [cls(Severity._labels[s.severity],
                    _text(s, 'file', None),
                    s.line,
                    s.row,
                    _text(s, 'column', None),
                    s.byte,
                    _text(s, 'message', None),
                    _text(s, 'text', None),
                    _text(s, 'key', None))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class Place:
    """Where a row is: indexes of its grid (grids table) and community, street and district (orgs table); ORGNET_NONE when unknown (the C struct orgnet_place)."""

    grid: _Optional[str]  #: grids row (as an id; NONE: None)
    community: _Optional[str]  #: orgs row of the community organization (as an id; NONE: None)
    street: _Optional[str]  #: orgs row of the street party working committee (as an id; NONE: None)
    district: _Optional[str]  #: orgs row of the district committee (as an id; NONE: None)

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_place structs (see the comment above _ref)."""
        ids_grids = context.ids('grids')
        ids_orgs = context.ids('orgs')
        return [cls(_ref(ids_grids, s.grid, context.outside),
                    _ref(ids_orgs, s.community, context.outside),
                    _ref(ids_orgs, s.street, context.outside),
                    _ref(ids_orgs, s.district, context.outside))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class Rule:
    """A coverage rule's description (static strings) (the C struct orgnet_rule_info)."""

    index: int
    code: str  #: stable code, e.g. "unit_without_own_org"
    table: str  #: the table of its subjects (ORGNET_TABLE_*) (as its label)
    summary: str  #: what it finds
    source: str  #: where the rule comes from
    needs: str  #: the columns it needs

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_rule_info structs (see the comment above _ref)."""
        return [cls(context.value('index', i, s),
                    _text(s, 'code', None),
                    Table._labels[s.table],
                    _text(s, 'summary', None),
                    _text(s, 'source', None),
                    _text(s, 'needs', None))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class Finding:
    """One finding: rule index, subject (table and row) and the figures compared (the C struct orgnet_finding)."""

    rule: _Optional[str]  #: index into the rules (orgnet_coverage_rule()) (by name; -1: None)
    table: str  #: the subject's table (as its label)
    id: str  #: the subject's row (as an id; NONE: None)
    message: str
    value: int  #: the figure tested
    limit: int  #: the threshold it broke
    source: str

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_finding structs (see the comment above _ref)."""
        list_rules = context.list('rules')
        return [cls((None if s.rule < 0 else list_rules[s.rule]),
                    Table._labels[s.table],
                    _ref(context.ids(s.table), s.row, context.outside),
                    context.value('message', i, s),
                    s.value,
                    s.limit,
                    context.value('source', i, s))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class Disagreement:
    """A unit organization sitting in one street but led from outside it (the C struct orgnet_disagreement)."""

    org: _Optional[str]  #: the organization (as an id; NONE: None)
    name: object
    street: _Optional[str]  #: the street it sits in (as an id; NONE: None)
    leading_street: _Optional[str]  #: the street above it in the leadership tree, or ORGNET_NONE (as an id; NONE: None)

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_disagreement structs (see the comment above _ref)."""
        ids_orgs = context.ids('orgs')
        cells_orgs_name = context.column('orgs', 'name')
        return [cls(_ref(ids_orgs, s.org, context.outside),
                    _cell(cells_orgs_name, s.org),
                    _ref(ids_orgs, s.street, context.outside),
                    _ref(ids_orgs, s.leading_street, context.outside))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class UnitMove:
    """A counted unit of both networks that moved between covered (own or joint organization) and not covered (orgnet_coverage_diff_move()) (the C struct orgnet_unit_move)."""

    id: str  #: the unit's id (not NUL-terminated; borrowed)
    before: str  #: ORGNET_COVERAGE_* before (as its label)
    after: str  #: ORGNET_COVERAGE_* after (as its label)

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_unit_move structs (see the comment above _ref)."""
        return [cls(_text(s, 'id', s.id_len),
                    UnitCoverage._labels[s.before],
                    UnitCoverage._labels[s.after])
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class Partner:
    """One link of an organization, seen from it (the C struct orgnet_partner)."""

    org: _Optional[str]  #: the organization at the other end (as an id; NONE: None)
    link: _Optional[int]  #: the link's row (NONE: None)
    kind: object
    since: _Optional[_date]
    until: _Optional[_date]

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_partner structs (see the comment above _ref)."""
        ids_orgs = context.ids('orgs')
        cells_links_kind = context.column('links', 'kind')
        cells_links_since = context.column('links', 'since')
        cells_links_until = context.column('links', 'until')
        return [cls(_ref(ids_orgs, s.org, context.outside),
                    (None if s.link == ORGNET_NONE else s.link),
                    _cell(cells_links_kind, s.link),
                    _cell(cells_links_since, s.link),
                    _cell(cells_links_until, s.link))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class IsolationRow:
    """Organizations in one place and how many have no link (the C struct orgnet_isolation)."""

    id: _Optional[str]  #: grid row (grid roll-up) or org row (as an id; NONE: None)
    name: str
    orgs: int  #: organizations located there (org roll-up: in its subtree)
    isolated: int  #: of those, without a link
    isolated_share: _Optional[float]  #: isolated / orgs; NaN when orgs is 0 (NaN: None)

    @property
    def share(self):
        """The older name of ``isolated_share``."""
        return self.isolated_share

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_isolation structs (see the comment above _ref)."""
        ids_place = context.ids('place')
        cells_place_name = context.column('place', 'name')
        return [cls(_ref(ids_place, s.place, context.outside),
                    (_cell(cells_place_name, s.place) or ""),
                    s.orgs,
                    s.isolated,
                    (None if _isnan(s.share) else s.share))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class CrossingCounts:
    """Link counts for a street, or for the whole graph (street = ORGNET_NONE) (the C struct orgnet_crossing_counts)."""

    street: _Optional[str]  #: street org row, or ORGNET_NONE (as an id; NONE: None)
    name: str
    links: int  #: links with an end located in the street
    across_communities: int  #: of those, ORGNET_ACROSS_COMMUNITIES
    across_streets: int  #: of those, ORGNET_ACROSS_STREETS
    across_districts: int  #: of those, ORGNET_ACROSS_DISTRICTS
    outside_led: int  #: ORGNET_OUTSIDE_LED links on this street's own side
    unplaced: int  #: of those, ORGNET_UNPLACED

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_crossing_counts structs (see the comment above _ref)."""
        ids_orgs = context.ids('orgs')
        cells_orgs_name = context.column('orgs', 'name')
        return [cls(_ref(ids_orgs, s.street, context.outside),
                    (_cell(cells_orgs_name, s.street) or ""),
                    s.links,
                    s.across_communities,
                    s.across_streets,
                    s.across_districts,
                    s.outside_led,
                    s.unplaced)
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class Step:
    """One step of a connection (the C struct orgnet_path_step)."""

    from_org: _Optional[str]  #: org row (as an id; NONE: None)
    to_org: _Optional[str]  #: org row (as an id; NONE: None)
    kind: str  #: ORGNET_STEP_* (as its label)
    link: _Optional[int]  #: lowest link row joining the pair, or ORGNET_NONE (NONE: None)
    link_kind: object

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_path_step structs (see the comment above _ref)."""
        ids_orgs = context.ids('orgs')
        cells_links_kind = context.column('links', 'kind')
        return [cls(_ref(ids_orgs, s.from_, context.outside),
                    _ref(ids_orgs, s.to, context.outside),
                    StepKind._labels[s.kind],
                    (None if s.link == ORGNET_NONE else s.link),
                    _cell(cells_links_kind, s.link))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class Suggestion:
    """A candidate partner (the C struct orgnet_suggestion)."""

    org: _Optional[str]  #: candidate org row (as an id; NONE: None)
    name: str
    score: float  #: the weighted sum
    common_partners: int  #: partners the two share
    same_grid: bool  #: 1 when located in the same grid (as bool)
    same_community: bool  #: 1 when located in the same community (as bool)
    meets_need: bool  #: 1 when it offers a category the organization needs (as bool)
    needs_offer: bool  #: 1 when it needs a category the organization offers (as bool)

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_suggestion structs (see the comment above _ref)."""
        ids_orgs = context.ids('orgs')
        cells_orgs_name = context.column('orgs', 'name')
        return [cls(_ref(ids_orgs, s.org, context.outside),
                    (_cell(cells_orgs_name, s.org) or ""),
                    s.score,
                    s.common_partners,
                    bool(s.same_grid),
                    bool(s.same_community),
                    bool(s.meets_need),
                    bool(s.needs_offer))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class Allocation:
    """Part of a resource given to a need (the C struct orgnet_allocation)."""

    need: _Optional[str]  #: needs.csv row (as an id; NONE: None)
    resource: _Optional[str]  #: resources.csv row (as an id; NONE: None)
    category: object
    need_org: object
    resource_org: object
    amount: int  #: > 0

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_allocation structs (see the comment above _ref)."""
        ids_needs = context.ids('needs')
        ids_resources = context.ids('resources')
        cells_needs_category = context.column('needs', 'category')
        cells_needs_org = context.column('needs', 'org')
        cells_resources_org = context.column('resources', 'org')
        return [cls(_ref(ids_needs, s.need, context.outside),
                    _ref(ids_resources, s.resource, context.outside),
                    _cell(cells_needs_category, s.need),
                    _cell(cells_needs_org, s.need),
                    _cell(cells_resources_org, s.resource),
                    s.amount)
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class EventRow:
    """One row of an event table (the C struct orgnet_event_row)."""

    id: _Optional[str]  #: grid row (grid roll-up) or territory org row (as an id; NONE: None)
    name: str
    category: _Optional[str]  #: orgnet_events_category() index, or -1 (by name; -1: None)
    month: _Optional[str]  #: year * 12 + month - 1, or -1 (as YYYY-MM; -1: None)
    reported: int  #: events reported in the window
    resolved_grid: int  #: resolved at grid level
    resolved_above: int  #: resolved at community, street or district level
    resolved_unknown: int  #: resolved, level empty or other
    open: int  #: not resolved
    median_days: _Optional[int]  #: nearest-rank median days to resolve, or -1 (-1: None)
    p90_days: _Optional[int]  #: nearest-rank 90th percentile, or -1 (-1: None)
    backlog: _Tuple[int, ...]  #: open events by age class

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_event_row structs (see the comment above _ref)."""
        ids_place = context.ids('place')
        cells_place_name = context.column('place', 'name')
        list_categories = context.list('categories')
        return [cls(_ref(ids_place, s.place, context.outside),
                    (_cell(cells_place_name, s.place) or ""),
                    (None if s.category < 0 else list_categories[s.category]),
                    _month(s.month),
                    s.reported,
                    s.resolved_grid,
                    s.resolved_above,
                    s.resolved_unknown,
                    s.open,
                    (None if s.median_days == -1 else s.median_days),
                    (None if s.p90_days == -1 else s.p90_days),
                    tuple(s.backlog))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class HotSpot:
    """A grid and category where events concentrate relative to the grid's street (the C struct orgnet_hot_spot)."""

    grid: _Optional[str]  #: grid row (as an id; NONE: None)
    name: str
    category: _Optional[str]  #: category index (by name; -1: None)
    events: int  #: events of the category in the grid
    households: int  #: the grid's households
    rate: float  #: events per 100 households
    street_rate: float  #: the street's rate
    score: float  #: rate / street_rate

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_hot_spot structs (see the comment above _ref)."""
        ids_grids = context.ids('grids')
        cells_grids_name = context.column('grids', 'name')
        list_categories = context.list('categories')
        return [cls(_ref(ids_grids, s.grid, context.outside),
                    (_cell(cells_grids_name, s.grid) or ""),
                    (None if s.category < 0 else list_categories[s.category]),
                    s.events,
                    s.households,
                    s.rate,
                    s.street_rate,
                    s.score)
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class GridReach:
    """How one grid is reached (the C struct orgnet_grid_reach)."""

    grid: str
    nearest: _Optional[str]  #: nearest placed centre's row, or ORGNET_NONE; in a scoped view ORGNET_OUTSIDE when the nearest centre is outside its scope (as an id; NONE: None)
    metres: _Optional[float]  #: great-circle distance to the nearest centre; NaN without one, and NaN in a view when the nearest centre is outside its scope (NaN: None)
    placed: bool  #: 1 when the grid has coordinates (as bool)
    reached: bool  #: 1 when a centre lies within the radius (in a view: one of its centres, or at ORGNET_DEFAULT_REACH_METRES one outside its scope) (as bool)

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_grid_reach structs (see the comment above _ref)."""
        ids_centres = context.ids('centres')
        return [cls(context.value('grid', i, s),
                    _ref(ids_centres, s.nearest, context.outside),
                    (None if _isnan(s.metres) else s.metres),
                    bool(s.placed),
                    bool(s.reached))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class ReachRow:
    """Reach figures of one place (the C struct orgnet_reach_row)."""

    id: _Optional[str]  #: grid row or territory org row (as an id; NONE: None)
    name: str
    grids: int  #: grids located in it
    grids_placed: int  #: with coordinates
    grids_reached: int  #: within reach
    households: int  #: known households of its grids
    households_reached: int  #: in reached grids
    households_unplaced: int  #: in grids without coordinates
    units: int  #: units located in it
    units_reached: int  #: in reached grids

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_reach_row structs (see the comment above _ref)."""
        ids_place = context.ids('place')
        cells_place_name = context.column('place', 'name')
        return [cls(_ref(ids_place, s.place, context.outside),
                    (_cell(cells_place_name, s.place) or ""),
                    s.grids,
                    s.grids_placed,
                    s.grids_reached,
                    s.households,
                    s.households_reached,
                    s.households_unplaced,
                    s.units,
                    s.units_reached)
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class SiteChoice:
    """A new centre chosen by the siting (the C struct orgnet_site_choice)."""

    grid: _Optional[str]  #: grid row (as an id; NONE: None)
    name: str
    households_added: int  #: unreached households it reaches
    grids_added: int  #: unreached grids it reaches

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_site_choice structs (see the comment above _ref)."""
        ids_grids = context.ids('grids')
        cells_grids_name = context.column('grids', 'name')
        return [cls(_ref(ids_grids, s.grid, context.outside),
                    (_cell(cells_grids_name, s.grid) or ""),
                    s.households_added,
                    s.grids_added)
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class CommunityHaves:
    """One community's three haves (the C struct orgnet_community_haves)."""

    id: _Optional[str]  #: org row (as an id; NONE: None)
    name: str
    grids: int  #: its grids
    grids_managed: int  #: with a grid manager
    managers: int  #: grid managers serving its grids
    other_staff: int  #: other staff serving its grids
    people: bool  #: 1: grids, each with a manager (as bool)
    dues: int  #: party dues
    fiscal: int  #: fiscal allocation
    sponsor: int  #: unit sponsorship
    other: int  #: other sources
    money: bool  #: 1: funds above 0 (as bool)
    place_in_community: bool  #: 1: a centre stands in one of its grids (as bool)
    place_within_reach: bool  #: 1: a centre is within the radius of one of its grids (as bool)
    place: bool  #: 1: either (as bool)

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_community_haves structs (see the comment above _ref)."""
        ids_orgs = context.ids('orgs')
        cells_orgs_name = context.column('orgs', 'name')
        return [cls(_ref(ids_orgs, s.community, context.outside),
                    (_cell(cells_orgs_name, s.community) or ""),
                    s.grids,
                    s.grids_managed,
                    s.managers,
                    s.other_staff,
                    bool(s.people),
                    s.funds.dues,
                    s.funds.fiscal,
                    s.funds.sponsor,
                    s.funds.other,
                    bool(s.money),
                    bool(s.place_in_community),
                    bool(s.place_within_reach),
                    bool(s.place))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class HavesFinding:
    """A community missing a have (the C struct orgnet_haves_finding)."""

    rule: _Optional[str]  #: ORGNET_HAVES_* (by name; -1: None)
    id: _Optional[str]  #: org row (as an id; NONE: None)
    message: str

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_haves_finding structs (see the comment above _ref)."""
        list_haves_rules = context.list('haves_rules')
        ids_orgs = context.ids('orgs')
        return [cls((None if s.rule < 0 else list_haves_rules[s.rule]),
                    _ref(ids_orgs, s.community, context.outside),
                    context.value('message', i, s))
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class HavesRow:
    """A street's or district's counts (the C struct orgnet_haves_row)."""

    id: _Optional[str]  #: org row (as an id; NONE: None)
    name: str
    communities: int  #: communities located in it
    with_people: int  #: with people
    with_money: int  #: with money
    with_place: int  #: with a place
    with_all: int  #: with all three
    dues: int  #: party dues
    fiscal: int  #: fiscal allocation
    sponsor: int  #: unit sponsorship
    other: int  #: other sources

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_haves_row structs (see the comment above _ref)."""
        ids_orgs = context.ids('orgs')
        cells_orgs_name = context.column('orgs', 'name')
        return [cls(_ref(ids_orgs, s.place, context.outside),
                    (_cell(cells_orgs_name, s.place) or ""),
                    s.communities,
                    s.with_people,
                    s.with_money,
                    s.with_place,
                    s.with_all,
                    s.funds.dues,
                    s.funds.fiscal,
                    s.funds.sponsor,
                    s.funds.other)
                for i, s in enumerate(structs)]


@_dataclass(frozen=True)
class FollowerState:
    """Where a follower stands (orgnet_follower_status()) (the C struct orgnet_follower_state)."""

    running: bool  #: 1 while following (as bool)
    diverged: bool  #: 1 once a transaction was skipped, until orgnet_follower_refresh() (as bool)
    error: int  #: the ORGNET_* status that stopped it (ORGNET_OK if none)
    applied_lsn: int  #: the end of the last transaction applied
    server_lsn: int  #: the server's end of WAL, as last heard
    lag_bytes: int  #: server_lsn - applied_lsn (0 when caught up)
    lag_seconds: float  #: how long the oldest change not yet applied has waited
    transactions: int  #: transactions applied
    skipped: int  #: transactions skipped
    snapshot_lsn: int  #: the position of the newest snapshot on disk (0: none)
    snapshot_error: int  #: the last snapshot write's failure, an ORGNET_* status (following goes on)
    resumed: bool  #: 1 when it resumed from a snapshot instead of loading (as bool)
    reconnecting: bool  #: 1 while connecting again after a lost connection (as bool)
    reconnects: int  #: connections made again after a loss (backoff 0.1 s to 10 s)

    @classmethod
    def from_structs(cls, structs, context) -> list:
        """Rows from orgnet_follower_state structs (see the comment above _ref)."""
        return [cls(bool(s.running),
                    bool(s.diverged),
                    s.error,
                    s.applied_lsn,
                    s.server_lsn,
                    s.lag_bytes,
                    s.lag_seconds,
                    s.transactions,
                    s.skipped,
                    s.snapshot_lsn,
                    s.snapshot_error,
                    bool(s.resumed),
                    bool(s.reconnecting),
                    s.reconnects)
                for i, s in enumerate(structs)]


# ---------------------------------------------------------------- callbacks

#: The C callback type orgnet_progress_fn.
orgnet_progress_fn = C.CFUNCTYPE(C.c_int, C.c_void_p, C.c_char_p, C.c_uint64, C.c_uint64)

#: The C callback type orgnet_version_fn.
orgnet_version_fn = C.CFUNCTYPE(None, C.c_void_p, C.POINTER(orgnet_network), C.c_uint64, C.c_int64, C.c_uint64)


# ---------------------------------------------------------------- functions
#: name -> (restype, argtypes), in the header's order.
FUNCTIONS = {
    "orgnet_load_options_init": (C.c_int, [C.POINTER(orgnet_load_options), C.c_uint]),
    "orgnet_version": (C.c_char_p, []),
    "orgnet_abi_version": (C.c_int, []),
    "orgnet_last_error": (C.c_char_p, []),
    "orgnet_status_string": (C.c_char_p, [C.c_int]),
    "orgnet_clear_error": (None, []),
    "orgnet_free": (None, [C.c_void_p]),
    "orgnet_set_progress_handler": (C.c_int, [orgnet_progress_fn, C.c_void_p, C.c_uint32]),
    "orgnet_output_open": (C.c_int, [C.POINTER(C.POINTER(orgnet_output)), C.c_char_p, C.c_size_t]),
    "orgnet_output_write": (C.c_int, [C.POINTER(orgnet_output), C.c_void_p, C.c_size_t]),
    "orgnet_output_commit": (C.c_int, [C.POINTER(orgnet_output)]),
    "orgnet_output_free": (None, [C.POINTER(orgnet_output)]),
    "orgnet_output_folder_open": (C.c_int, [C.POINTER(C.POINTER(orgnet_output_folder)), C.c_char_p, C.c_size_t, C.c_int]),
    "orgnet_output_folder_add": (C.c_int, [C.POINTER(C.POINTER(orgnet_output)), C.POINTER(orgnet_output_folder), C.c_char_p, C.c_size_t]),
    "orgnet_output_folder_commit": (C.c_int, [C.POINTER(orgnet_output_folder)]),
    "orgnet_output_folder_free": (None, [C.POINTER(orgnet_output_folder)]),
    "orgnet_network_load": (C.c_int, [C.POINTER(C.POINTER(orgnet_network)), C.c_char_p, C.c_size_t, C.POINTER(orgnet_load_options), C.POINTER(C.POINTER(orgnet_report))]),
    "orgnet_network_load_database": (C.c_int, [C.POINTER(C.POINTER(orgnet_network)), C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t, C.POINTER(orgnet_load_options), C.POINTER(C.POINTER(orgnet_report))]),
    "orgnet_network_refresh_database": (C.c_int, [C.POINTER(C.POINTER(orgnet_network)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t, C.POINTER(orgnet_load_options)]),
    "orgnet_has_database_support": (C.c_int, []),
    "orgnet_network_save": (C.c_int, [C.POINTER(orgnet_network), C.c_char_p, C.c_size_t]),
    "orgnet_snapshot_options_init": (C.c_int, [C.POINTER(orgnet_snapshot_options), C.c_uint]),
    "orgnet_snapshot_format_version": (C.c_uint32, []),
    "orgnet_network_save_snapshot": (C.c_int, [C.POINTER(orgnet_network), C.c_char_p, C.c_size_t]),
    "orgnet_network_open_snapshot": (C.c_int, [C.POINTER(C.POINTER(orgnet_network)), C.c_char_p, C.c_size_t, C.POINTER(orgnet_snapshot_options)]),
    "orgnet_is_snapshot_file": (C.c_int, [C.c_char_p, C.c_size_t, C.POINTER(C.c_int)]),
    "orgnet_network_free": (None, [C.POINTER(orgnet_network)]),
    "orgnet_network_share": (C.c_int, [C.POINTER(C.POINTER(orgnet_network)), C.POINTER(orgnet_network)]),
    "orgnet_network_edit": (C.c_int, [C.POINTER(C.POINTER(orgnet_network)), C.POINTER(orgnet_network), C.POINTER(orgnet_edit_batch), C.POINTER(orgnet_load_options), C.POINTER(C.POINTER(orgnet_report))]),
    "orgnet_network_version": (C.c_int, [C.POINTER(C.c_uint64), C.POINTER(C.c_uint64), C.POINTER(orgnet_network)]),
    "orgnet_network_memory": (C.c_int, [C.POINTER(C.c_size_t), C.POINTER(orgnet_network)]),
    "orgnet_network_scope": (C.c_int, [C.POINTER(C.POINTER(orgnet_network)), C.POINTER(orgnet_network), C.POINTER(orgnet_scope_spec)]),
    "orgnet_network_is_view": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network)]),
    "orgnet_network_is_outside": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network), C.c_int, C.c_uint32, C.c_int]),
    "orgnet_network_is_masked": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network), C.c_int, C.c_int]),
    "orgnet_network_rows": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_network), C.c_int]),
    "orgnet_network_has_table": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network), C.c_int]),
    "orgnet_network_column_count": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network), C.c_int]),
    "orgnet_network_column_name": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_int]),
    "orgnet_network_column_type": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network), C.c_int, C.c_int]),
    "orgnet_network_column_target": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network), C.c_int, C.c_int]),
    "orgnet_network_has_column": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network), C.c_int, C.c_int]),
    "orgnet_network_find_column": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network), C.c_int, C.c_char_p, C.c_size_t]),
    "orgnet_network_find": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_network), C.c_int, C.c_char_p, C.c_size_t]),
    "orgnet_network_id": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_uint32]),
    "orgnet_network_text": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_uint32, C.c_int]),
    "orgnet_network_ref": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_network), C.c_int, C.c_uint32, C.c_int]),
    "orgnet_network_date": (C.c_int, [C.POINTER(C.c_int32), C.POINTER(orgnet_network), C.c_int, C.c_uint32, C.c_int]),
    "orgnet_network_integer": (C.c_int, [C.POINTER(C.c_int64), C.POINTER(orgnet_network), C.c_int, C.c_uint32, C.c_int]),
    "orgnet_network_real": (C.c_int, [C.POINTER(C.c_double), C.POINTER(orgnet_network), C.c_int, C.c_uint32, C.c_int]),
    "orgnet_network_flag": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network), C.c_int, C.c_uint32, C.c_int]),
    "orgnet_network_status": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network), C.c_int, C.c_uint32, C.c_int]),
    "orgnet_network_is_empty": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network), C.c_int, C.c_uint32, C.c_int]),
    "orgnet_network_cell_text": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_uint32, C.c_int]),
    "orgnet_network_ref_column": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_int]),
    "orgnet_network_date_column": (C.c_int, [C.POINTER(C.POINTER(C.c_int32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_int]),
    "orgnet_network_integer_column": (C.c_int, [C.POINTER(C.POINTER(C.c_int64)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_int]),
    "orgnet_network_real_column": (C.c_int, [C.POINTER(C.POINTER(C.c_double)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_int]),
    "orgnet_column_cell_bytes": (C.c_int, [C.POINTER(C.c_size_t), C.c_int]),
    "orgnet_network_read_column": (C.c_int, [C.c_void_p, C.c_size_t, C.POINTER(orgnet_network), C.c_int, C.c_int, C.c_uint32, C.c_uint32]),
    "orgnet_network_read_text": (C.c_int, [C.c_void_p, C.c_size_t, C.POINTER(C.c_uint64), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_int, C.c_uint32, C.c_uint32]),
    "orgnet_network_read_text_joined": (C.c_int, [C.c_void_p, C.c_size_t, C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_int, C.c_uint32, C.c_uint32]),
    "orgnet_network_copy_column": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(C.POINTER(C.c_uint64)), C.POINTER(orgnet_network), C.c_int, C.c_int]),
    "orgnet_network_column_chunk_count": (C.c_int, [C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_int]),
    "orgnet_network_column_chunk": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_uint32), C.POINTER(C.c_uint32), C.POINTER(orgnet_network), C.c_int, C.c_int, C.c_size_t]),
    "orgnet_network_manifest_count": (C.c_int, [C.POINTER(C.c_size_t), C.POINTER(orgnet_network)]),
    "orgnet_network_manifest_entry": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_size_t]),
    "orgnet_network_as_of": (C.c_int, [C.POINTER(C.c_int32), C.POINTER(orgnet_network)]),
    "orgnet_network_default_date": (C.c_int, [C.POINTER(C.c_int32), C.POINTER(orgnet_network)]),
    "orgnet_hierarchy_parent": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_network), C.c_uint32]),
    "orgnet_hierarchy_children": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_uint32]),
    "orgnet_hierarchy_siblings": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_uint32]),
    "orgnet_hierarchy_ancestors": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_uint32]),
    "orgnet_hierarchy_subtree": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_uint32]),
    "orgnet_hierarchy_descendants": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_uint32]),
    "orgnet_hierarchy_of_kind": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_uint32, C.c_char_p, C.c_size_t]),
    "orgnet_hierarchy_depth": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_network), C.c_uint32]),
    "orgnet_hierarchy_root": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_network), C.c_uint32]),
    "orgnet_hierarchy_subtree_size": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_network), C.c_uint32]),
    "orgnet_hierarchy_is_ancestor": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_network), C.c_uint32, C.c_uint32]),
    "orgnet_hierarchy_lca": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_network), C.c_uint32, C.c_uint32]),
    "orgnet_hierarchy_roots": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network)]),
    "orgnet_hierarchy_preorder": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network)]),
    "orgnet_hierarchy_preorder_position": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_network), C.c_uint32]),
    "orgnet_hierarchy_max_depth": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_network)]),
    "orgnet_territory_place": (C.c_int, [C.POINTER(orgnet_place), C.POINTER(orgnet_network), C.c_int, C.c_uint32]),
    "orgnet_territory_in": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_uint32]),
    "orgnet_territory_unknown": (C.c_int, [C.POINTER(C.c_int64), C.POINTER(orgnet_network), C.c_int, C.c_int]),
    "orgnet_network_find_many": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(C.c_size_t), C.POINTER(orgnet_network), C.c_int, C.c_char_p, C.c_size_t, C.POINTER(C.c_uint64), C.c_size_t, C.c_int]),
    "orgnet_hierarchy_is_ancestor_many": (C.c_int, [C.POINTER(C.c_uint8), C.POINTER(orgnet_network), C.POINTER(C.c_uint32), C.POINTER(C.c_uint32), C.c_size_t]),
    "orgnet_hierarchy_lca_many": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_network), C.POINTER(C.c_uint32), C.POINTER(C.c_uint32), C.c_size_t]),
    "orgnet_hierarchy_depth_many": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_network), C.POINTER(C.c_uint32), C.c_size_t]),
    "orgnet_hierarchy_subtree_sizes": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network)]),
    "orgnet_hierarchy_depths": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_network)]),
    "orgnet_territory_places": (C.c_int, [C.POINTER(orgnet_place), C.c_size_t, C.POINTER(orgnet_network), C.c_int]),
    "orgnet_report_count": (C.c_int, [C.POINTER(C.c_size_t), C.POINTER(orgnet_report), C.c_int]),
    "orgnet_report_total": (C.c_int, [C.POINTER(C.c_int64), C.POINTER(orgnet_report), C.c_int]),
    "orgnet_report_truncated": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_report)]),
    "orgnet_report_get": (C.c_int, [C.POINTER(orgnet_diagnostic), C.POINTER(orgnet_report), C.c_int, C.c_size_t]),
    "orgnet_report_free": (None, [C.POINTER(orgnet_report)]),
    "orgnet_builder_new": (C.c_int, [C.POINTER(C.POINTER(orgnet_builder))]),
    "orgnet_builder_from_network": (C.c_int, [C.POINTER(C.POINTER(orgnet_builder)), C.POINTER(orgnet_network)]),
    "orgnet_builder_add_row": (C.c_int, [C.POINTER(orgnet_builder), C.c_int, C.c_size_t, C.POINTER(C.c_char_p), C.POINTER(C.c_size_t), C.POINTER(C.c_char_p), C.POINTER(C.c_size_t)]),
    "orgnet_builder_add_column": (C.c_int, [C.POINTER(orgnet_builder), C.c_int, C.c_char_p, C.c_size_t]),
    "orgnet_builder_set_manifest": (C.c_int, [C.POINTER(orgnet_builder), C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t]),
    "orgnet_builder_build": (C.c_int, [C.POINTER(C.POINTER(orgnet_network)), C.POINTER(orgnet_builder), C.POINTER(orgnet_load_options), C.POINTER(C.POINTER(orgnet_report))]),
    "orgnet_builder_apply": (C.c_int, [C.POINTER(C.POINTER(orgnet_network)), C.POINTER(orgnet_builder), C.POINTER(orgnet_edit_batch), C.POINTER(orgnet_load_options), C.POINTER(C.POINTER(orgnet_report))]),
    "orgnet_builder_free": (None, [C.POINTER(orgnet_builder)]),
    "orgnet_edit_batch_new": (C.c_int, [C.POINTER(C.POINTER(orgnet_edit_batch))]),
    "orgnet_edit_batch_free": (None, [C.POINTER(orgnet_edit_batch)]),
    "orgnet_edit_batch_size": (C.c_int, [C.POINTER(C.c_size_t), C.POINTER(orgnet_edit_batch)]),
    "orgnet_edit_insert": (C.c_int, [C.POINTER(orgnet_edit_batch), C.c_int, C.c_size_t, C.POINTER(C.c_char_p), C.POINTER(C.c_size_t), C.POINTER(C.c_char_p), C.POINTER(C.c_size_t)]),
    "orgnet_edit_remove": (C.c_int, [C.POINTER(orgnet_edit_batch), C.c_int, C.c_char_p, C.c_size_t]),
    "orgnet_edit_set": (C.c_int, [C.POINTER(orgnet_edit_batch), C.c_int, C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t]),
    "orgnet_edit_rename": (C.c_int, [C.POINTER(orgnet_edit_batch), C.c_int, C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t]),
    "orgnet_edit_remove_link": (C.c_int, [C.POINTER(orgnet_edit_batch), C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t]),
    "orgnet_edit_set_row": (C.c_int, [C.POINTER(orgnet_edit_batch), C.c_int, C.c_uint32, C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t]),
    "orgnet_edit_remove_row": (C.c_int, [C.POINTER(orgnet_edit_batch), C.c_int, C.c_uint32]),
    "orgnet_edit_add_column": (C.c_int, [C.POINTER(orgnet_edit_batch), C.c_int, C.c_char_p, C.c_size_t]),
    "orgnet_coverage_rules_init": (C.c_int, [C.POINTER(orgnet_coverage_rules), C.c_uint]),
    "orgnet_coverage_compute": (C.c_int, [C.POINTER(C.POINTER(orgnet_coverage)), C.POINTER(orgnet_network), C.POINTER(orgnet_coverage_rules)]),
    "orgnet_coverage_free": (None, [C.POINTER(orgnet_coverage)]),
    "orgnet_coverage_as_of": (C.c_int, [C.POINTER(C.c_int32), C.POINTER(orgnet_coverage)]),
    "orgnet_coverage_units": (C.c_int, [C.POINTER(C.POINTER(C.c_uint8)), C.POINTER(C.POINTER(C.c_uint8)), C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_coverage)]),
    "orgnet_coverage_rollup_rows": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_coverage), C.c_int]),
    "orgnet_coverage_rollup_counter": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_coverage), C.c_int, C.c_int]),
    "orgnet_coverage_rollup_rate": (C.c_int, [C.POINTER(C.POINTER(C.c_double)), C.POINTER(C.c_size_t), C.POINTER(orgnet_coverage), C.c_int, C.c_int]),
    "orgnet_coverage_counter_name": (C.c_char_p, [C.c_int]),
    "orgnet_coverage_rate_name": (C.c_char_p, [C.c_int]),
    "orgnet_coverage_rollup_name": (C.c_char_p, [C.c_int]),
    "orgnet_coverage_rule_count": (C.c_int, [C.POINTER(C.c_size_t)]),
    "orgnet_coverage_rule": (C.c_int, [C.POINTER(orgnet_rule_info), C.c_size_t]),
    "orgnet_coverage_find_rule": (C.c_int, [C.POINTER(C.c_int), C.c_char_p, C.c_size_t]),
    "orgnet_coverage_findings": (C.c_int, [C.POINTER(C.POINTER(orgnet_finding)), C.POINTER(C.c_size_t), C.POINTER(orgnet_coverage)]),
    "orgnet_coverage_describe": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(orgnet_coverage), C.c_size_t]),
    "orgnet_coverage_skipped": (C.c_int, [C.POINTER(C.c_int64), C.POINTER(orgnet_coverage), C.c_int]),
    "orgnet_coverage_rule_ran": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_coverage), C.c_int]),
    "orgnet_coverage_disagreements": (C.c_int, [C.POINTER(C.POINTER(orgnet_disagreement)), C.POINTER(C.c_size_t), C.POINTER(orgnet_coverage)]),
    "orgnet_diff_networks": (C.c_int, [C.POINTER(C.POINTER(orgnet_diff)), C.POINTER(orgnet_network), C.POINTER(orgnet_network)]),
    "orgnet_diff_free": (None, [C.POINTER(orgnet_diff)]),
    "orgnet_diff_table": (C.c_int, [C.POINTER(orgnet_table_diff), C.POINTER(orgnet_diff), C.c_int]),
    "orgnet_diff_added": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_diff), C.c_int]),
    "orgnet_diff_removed": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_diff), C.c_int]),
    "orgnet_diff_changed": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(C.c_uint32), C.POINTER(C.POINTER(C.c_int32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_diff), C.c_int, C.c_size_t]),
    "orgnet_diff_column": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(orgnet_diff), C.c_int, C.c_int, C.c_size_t]),
    "orgnet_coverage_diff_compute": (C.c_int, [C.POINTER(C.POINTER(orgnet_coverage_diff)), C.POINTER(orgnet_coverage), C.POINTER(orgnet_coverage)]),
    "orgnet_coverage_diff_free": (None, [C.POINTER(orgnet_coverage_diff)]),
    "orgnet_coverage_diff_counts": (C.c_int, [C.POINTER(C.c_size_t), C.POINTER(C.c_size_t), C.POINTER(orgnet_coverage_diff)]),
    "orgnet_coverage_diff_place": (C.c_int, [C.POINTER(orgnet_place_delta), C.POINTER(orgnet_coverage_diff), C.c_size_t]),
    "orgnet_coverage_diff_move": (C.c_int, [C.POINTER(orgnet_unit_move), C.POINTER(orgnet_coverage_diff), C.c_size_t]),
    "orgnet_coverage_diff_findings": (C.c_int, [C.POINTER(C.POINTER(C.c_int64)), C.POINTER(C.POINTER(C.c_int64)), C.POINTER(C.c_size_t), C.POINTER(orgnet_coverage_diff)]),
    "orgnet_link_filter_init": (C.c_int, [C.POINTER(orgnet_link_filter), C.c_uint]),
    "orgnet_suggestion_weights_init": (C.c_int, [C.POINTER(orgnet_suggestion_weights), C.c_uint]),
    "orgnet_links_build": (C.c_int, [C.POINTER(C.POINTER(orgnet_links)), C.POINTER(orgnet_network), C.POINTER(orgnet_link_filter)]),
    "orgnet_links_free": (None, [C.POINTER(orgnet_links)]),
    "orgnet_links_on": (C.c_int, [C.POINTER(C.c_int32), C.POINTER(orgnet_links)]),
    "orgnet_links_rows": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_links)]),
    "orgnet_links_pair_count": (C.c_int, [C.POINTER(C.c_size_t), C.POINTER(orgnet_links)]),
    "orgnet_links_cluster_count": (C.c_int, [C.POINTER(C.c_size_t), C.POINTER(orgnet_links), C.c_uint32]),
    "orgnet_links_partners": (C.c_int, [C.POINTER(C.POINTER(orgnet_partner)), C.POINTER(C.c_size_t), C.POINTER(orgnet_links), C.c_uint32]),
    "orgnet_links_neighbours": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_links), C.c_uint32]),
    "orgnet_links_neighbours_many": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.POINTER(C.c_uint64)), C.POINTER(C.c_size_t), C.POINTER(orgnet_links), C.POINTER(C.c_uint32), C.c_size_t]),
    "orgnet_links_degree": (C.c_int, [C.POINTER(C.c_uint32), C.POINTER(orgnet_links), C.c_uint32]),
    "orgnet_links_isolated": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_links)]),
    "orgnet_links_rollup_isolation": (C.c_int, [C.POINTER(C.POINTER(orgnet_isolation)), C.POINTER(C.c_size_t), C.POINTER(orgnet_links), C.c_int]),
    "orgnet_links_components": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_links)]),
    "orgnet_links_articulation_points": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_links)]),
    "orgnet_links_bridges": (C.c_int, [C.POINTER(C.POINTER(orgnet_bridge)), C.POINTER(C.c_size_t), C.POINTER(orgnet_links)]),
    "orgnet_links_betweenness": (C.c_int, [C.POINTER(C.POINTER(C.c_double)), C.POINTER(C.c_size_t), C.POINTER(orgnet_links), C.c_uint32, C.c_uint64]),
    "orgnet_links_path": (C.c_int, [C.POINTER(C.POINTER(orgnet_path_step)), C.POINTER(C.c_size_t), C.POINTER(orgnet_links), C.c_uint32, C.c_uint32, C.c_int]),
    "orgnet_links_crossings": (C.c_int, [C.POINTER(C.POINTER(C.c_uint8)), C.POINTER(C.c_size_t), C.POINTER(C.POINTER(orgnet_crossing_counts)), C.POINTER(C.c_size_t), C.POINTER(orgnet_crossing_counts), C.POINTER(orgnet_links)]),
    "orgnet_links_suggest": (C.c_int, [C.POINTER(C.POINTER(orgnet_suggestion)), C.POINTER(C.c_size_t), C.POINTER(orgnet_links), C.c_uint32, C.c_size_t, C.POINTER(orgnet_suggestion_weights)]),
    "orgnet_matching_compute": (C.c_int, [C.POINTER(C.POINTER(orgnet_matching)), C.POINTER(orgnet_network), C.c_int, C.POINTER(orgnet_link_filter)]),
    "orgnet_matching_free": (None, [C.POINTER(orgnet_matching)]),
    "orgnet_matching_totals": (C.c_int, [C.POINTER(C.c_int64), C.POINTER(C.c_int64), C.POINTER(C.c_int64), C.POINTER(orgnet_matching)]),
    "orgnet_matching_allocations": (C.c_int, [C.POINTER(C.POINTER(orgnet_allocation)), C.POINTER(C.c_size_t), C.POINTER(orgnet_matching)]),
    "orgnet_matching_need_met": (C.c_int, [C.POINTER(C.POINTER(C.c_int64)), C.POINTER(C.c_size_t), C.POINTER(orgnet_matching)]),
    "orgnet_matching_resource_used": (C.c_int, [C.POINTER(C.POINTER(C.c_int64)), C.POINTER(C.c_size_t), C.POINTER(orgnet_matching)]),
    "orgnet_matching_unmet": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_matching)]),
    "orgnet_matching_unused": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_matching)]),
    "orgnet_event_options_init": (C.c_int, [C.POINTER(orgnet_event_options), C.c_uint]),
    "orgnet_events_compute": (C.c_int, [C.POINTER(C.POINTER(orgnet_events)), C.POINTER(orgnet_network), C.POINTER(orgnet_event_options)]),
    "orgnet_events_free": (None, [C.POINTER(orgnet_events)]),
    "orgnet_events_counts": (C.c_int, [C.POINTER(C.c_int64), C.POINTER(C.c_int64), C.POINTER(C.c_int32), C.POINTER(orgnet_events)]),
    "orgnet_events_category_count": (C.c_int, [C.POINTER(C.c_size_t), C.POINTER(orgnet_events)]),
    "orgnet_events_category": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(orgnet_events), C.c_size_t]),
    "orgnet_events_rollup": (C.c_int, [C.POINTER(C.POINTER(orgnet_event_row)), C.POINTER(C.c_size_t), C.POINTER(orgnet_events), C.c_int, C.c_int]),
    "orgnet_events_hot_spots": (C.c_int, [C.POINTER(C.POINTER(orgnet_hot_spot)), C.POINTER(C.c_size_t), C.POINTER(orgnet_events), C.c_size_t]),
    "orgnet_great_circle_metres": (C.c_double, [C.c_double, C.c_double, C.c_double, C.c_double]),
    "orgnet_reach_compute": (C.c_int, [C.POINTER(C.POINTER(orgnet_reach)), C.POINTER(orgnet_network), C.c_double]),
    "orgnet_reach_free": (None, [C.POINTER(orgnet_reach)]),
    "orgnet_reach_grids": (C.c_int, [C.POINTER(C.POINTER(orgnet_grid_reach)), C.POINTER(C.c_size_t), C.POINTER(orgnet_reach)]),
    "orgnet_reach_unplaced": (C.c_int, [C.POINTER(C.POINTER(C.c_uint32)), C.POINTER(C.c_size_t), C.POINTER(orgnet_reach), C.c_int]),
    "orgnet_reach_rollup": (C.c_int, [C.POINTER(C.POINTER(orgnet_reach_row)), C.POINTER(C.c_size_t), C.POINTER(orgnet_reach), C.c_int]),
    "orgnet_reach_functions": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(orgnet_reach), C.c_uint32]),
    "orgnet_reach_site": (C.c_int, [C.POINTER(C.POINTER(orgnet_site_choice)), C.POINTER(C.c_size_t), C.POINTER(orgnet_reach), C.c_size_t]),
    "orgnet_haves_compute": (C.c_int, [C.POINTER(C.POINTER(orgnet_haves)), C.POINTER(orgnet_network), C.c_int, C.c_double]),
    "orgnet_haves_free": (None, [C.POINTER(orgnet_haves)]),
    "orgnet_haves_year": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_haves)]),
    "orgnet_haves_communities": (C.c_int, [C.POINTER(C.POINTER(orgnet_community_haves)), C.POINTER(C.c_size_t), C.POINTER(orgnet_haves)]),
    "orgnet_haves_findings": (C.c_int, [C.POINTER(C.POINTER(orgnet_haves_finding)), C.POINTER(C.c_size_t), C.POINTER(orgnet_haves)]),
    "orgnet_haves_describe": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(orgnet_haves), C.c_size_t]),
    "orgnet_haves_rule_code": (C.c_char_p, [C.c_int]),
    "orgnet_haves_rollup": (C.c_int, [C.POINTER(C.POINTER(orgnet_haves_row)), C.POINTER(C.c_size_t), C.POINTER(orgnet_haves), C.c_int]),
    "orgnet_result_table_name": (C.c_char_p, [C.c_int]),
    "orgnet_result_writer_new": (C.c_int, [C.POINTER(C.POINTER(orgnet_result_writer)), C.c_char_p, C.c_size_t]),
    "orgnet_result_writer_free": (None, [C.POINTER(orgnet_result_writer)]),
    "orgnet_result_writer_set_table": (C.c_int, [C.POINTER(orgnet_result_writer), C.c_int, C.c_char_p, C.c_size_t]),
    "orgnet_result_writer_set_schema": (C.c_int, [C.POINTER(orgnet_result_writer), C.c_char_p, C.c_size_t]),
    "orgnet_result_writer_table": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(orgnet_result_writer), C.c_int]),
    "orgnet_result_writer_add_coverage": (C.c_int, [C.POINTER(orgnet_result_writer), C.POINTER(orgnet_coverage)]),
    "orgnet_result_writer_add_matching": (C.c_int, [C.POINTER(orgnet_result_writer), C.POINTER(orgnet_matching)]),
    "orgnet_result_writer_add_events": (C.c_int, [C.POINTER(orgnet_result_writer), C.POINTER(orgnet_events)]),
    "orgnet_result_writer_add_reach": (C.c_int, [C.POINTER(orgnet_result_writer), C.POINTER(orgnet_reach)]),
    "orgnet_result_writer_add_haves": (C.c_int, [C.POINTER(orgnet_result_writer), C.POINTER(orgnet_haves)]),
    "orgnet_result_writer_write": (C.c_int, [C.POINTER(orgnet_result_writer), C.c_char_p, C.c_size_t]),
    "orgnet_result_writer_rows": (C.c_int, [C.POINTER(C.c_int64), C.POINTER(orgnet_result_writer), C.c_int]),
    "orgnet_follower_options_init": (C.c_int, [C.POINTER(orgnet_follower_options), C.c_uint]),
    "orgnet_follower_start": (C.c_int, [C.POINTER(C.POINTER(orgnet_follower)), C.c_char_p, C.c_size_t, C.c_char_p, C.c_size_t, C.POINTER(orgnet_follower_options), orgnet_version_fn, C.c_void_p]),
    "orgnet_follower_free": (None, [C.POINTER(orgnet_follower)]),
    "orgnet_follower_latest": (C.c_int, [C.POINTER(C.POINTER(orgnet_network)), C.POINTER(C.c_uint64), C.POINTER(C.c_int64), C.POINTER(C.c_uint64), C.POINTER(orgnet_follower)]),
    "orgnet_follower_status": (C.c_int, [C.POINTER(orgnet_follower_state), C.POINTER(orgnet_follower)]),
    "orgnet_follower_message": (C.c_int, [C.POINTER(C.c_void_p), C.POINTER(C.c_size_t), C.POINTER(orgnet_follower)]),
    "orgnet_follower_wait": (C.c_int, [C.POINTER(C.c_int), C.POINTER(orgnet_follower), C.c_uint64, C.c_uint32]),
    "orgnet_follower_refresh": (C.c_int, [C.POINTER(C.POINTER(orgnet_network)), C.POINTER(C.c_uint64), C.POINTER(C.c_int64), C.POINTER(C.c_uint64), C.POINTER(C.c_uint64), C.POINTER(orgnet_follower)]),
    "orgnet_follower_stop": (C.c_int, [C.POINTER(orgnet_follower)]),
}


# ---------------------------------------------------------------- outputs
#: name -> ((position, parameter, role, kind, ownership, release, count), ...) for
#: every parameter that is not a plain input (the header's @abi{borrowed},
#: @abi{owned FREE}, @abi{count} and @abi{buffer}; tools/abi/describe.py, _roles):
#: role output (a scalar or struct written), pointer (an array, text, bytes,
#: address or handle handed out), counted (a pointer's length), buffer (the
#: caller's array, filled). ownership: borrowed or owned (release: the function
#: that frees it). count: (position of the parameter holding the length, 1 when the
#: length is one more), or "?" when no parameter holds it.
OUTPUTS = {
    "orgnet_load_options_init": ((0, 'options', 'output', None, None, None, None),),
    "orgnet_output_open": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_output_free', None),),
    "orgnet_output_folder_open": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_output_folder_free', None),),
    "orgnet_output_folder_add": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_output_free', None),),
    "orgnet_network_load": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_network_free', None), (4, 'report', 'pointer', 'handle', 'owned', 'orgnet_report_free', None),),
    "orgnet_network_load_database": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_network_free', None), (6, 'report', 'pointer', 'handle', 'owned', 'orgnet_report_free', None),),
    "orgnet_network_refresh_database": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_network_free', None), (1, 'edits', 'output', None, None, None, None),),
    "orgnet_snapshot_options_init": ((0, 'options', 'output', None, None, None, None),),
    "orgnet_network_open_snapshot": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_network_free', None),),
    "orgnet_is_snapshot_file": ((2, 'out', 'output', None, None, None, None),),
    "orgnet_network_share": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_network_free', None),),
    "orgnet_network_edit": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_network_free', None), (4, 'report', 'pointer', 'handle', 'owned', 'orgnet_report_free', None),),
    "orgnet_network_version": ((0, 'version', 'output', None, None, None, None), (1, 'parent', 'output', None, None, None, None),),
    "orgnet_network_memory": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_scope": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_network_free', None),),
    "orgnet_network_is_view": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_is_outside": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_is_masked": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_rows": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_has_table": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_column_count": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_column_name": ((0, 'out', 'pointer', 'text', 'borrowed', None, (1, 0)), (1, 'out_len', 'counted', None, None, None, None),),
    "orgnet_network_column_type": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_column_target": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_has_column": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_find_column": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_find": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_id": ((0, 'out', 'pointer', 'text', 'borrowed', None, (1, 0)), (1, 'out_len', 'counted', None, None, None, None),),
    "orgnet_network_text": ((0, 'out', 'pointer', 'text', 'borrowed', None, (1, 0)), (1, 'out_len', 'counted', None, None, None, None),),
    "orgnet_network_ref": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_date": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_integer": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_real": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_flag": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_status": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_is_empty": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_cell_text": ((0, 'out', 'pointer', 'text', 'owned', 'orgnet_free', (1, 0)), (1, 'out_len', 'counted', None, None, None, None),),
    "orgnet_network_ref_column": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_network_date_column": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_network_integer_column": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_network_real_column": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_column_cell_bytes": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_read_column": ((0, 'out', 'buffer', None, None, None, (1, 0)),),
    "orgnet_network_read_text": ((0, 'blob', 'buffer', None, None, None, (1, 0)), (2, 'offsets', 'buffer', None, None, None, (8, 1)), (3, 'blob_needed', 'output', None, None, None, None),),
    "orgnet_network_read_text_joined": ((0, 'blob', 'buffer', None, None, None, (1, 0)), (2, 'blob_needed', 'output', None, None, None, None),),
    "orgnet_network_copy_column": ((0, 'data', 'pointer', 'bytes', 'owned', 'orgnet_free', (1, 0)), (1, 'data_bytes', 'counted', None, None, None, None), (2, 'offsets', 'pointer', 'address', 'owned', 'orgnet_free', '?'),),
    "orgnet_network_column_chunk_count": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_column_chunk": ((0, 'data', 'pointer', 'address', 'borrowed', None, '?'), (1, 'first_row', 'output', None, None, None, None), (2, 'rows', 'output', None, None, None, None),),
    "orgnet_network_manifest_count": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_manifest_entry": ((0, 'key', 'pointer', 'text', 'borrowed', None, (1, 0)), (1, 'key_len', 'counted', None, None, None, None), (2, 'value', 'pointer', 'text', 'borrowed', None, (3, 0)), (3, 'value_len', 'counted', None, None, None, None),),
    "orgnet_network_as_of": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_default_date": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_hierarchy_parent": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_hierarchy_children": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_hierarchy_siblings": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_hierarchy_ancestors": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_hierarchy_subtree": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_hierarchy_descendants": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_hierarchy_of_kind": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_hierarchy_depth": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_hierarchy_root": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_hierarchy_subtree_size": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_hierarchy_is_ancestor": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_hierarchy_lca": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_hierarchy_roots": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_hierarchy_preorder": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_hierarchy_preorder_position": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_hierarchy_max_depth": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_territory_place": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_territory_in": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_territory_unknown": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_network_find_many": ((0, 'out', 'buffer', None, None, None, (7, 0)), (1, 'out_missing', 'output', None, None, None, None),),
    "orgnet_hierarchy_is_ancestor_many": ((0, 'out', 'buffer', None, None, None, (4, 0)),),
    "orgnet_hierarchy_lca_many": ((0, 'out', 'buffer', None, None, None, (4, 0)),),
    "orgnet_hierarchy_depth_many": ((0, 'out', 'buffer', None, None, None, (3, 0)),),
    "orgnet_hierarchy_subtree_sizes": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_hierarchy_depths": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_territory_places": ((0, 'out', 'buffer', None, None, None, (1, 0)),),
    "orgnet_report_count": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_report_total": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_report_truncated": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_report_get": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_builder_new": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_builder_free', None),),
    "orgnet_builder_from_network": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_builder_free', None),),
    "orgnet_builder_build": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_network_free', None), (3, 'report', 'pointer', 'handle', 'owned', 'orgnet_report_free', None),),
    "orgnet_builder_apply": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_network_free', None), (4, 'report', 'pointer', 'handle', 'owned', 'orgnet_report_free', None),),
    "orgnet_edit_batch_new": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_edit_batch_free', None),),
    "orgnet_edit_batch_size": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_coverage_rules_init": ((0, 'rules', 'output', None, None, None, None),),
    "orgnet_coverage_compute": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_coverage_free', None),),
    "orgnet_coverage_as_of": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_coverage_units": ((0, 'coverage', 'pointer', 'array', 'borrowed', None, (4, 0)), (1, 'counted', 'pointer', 'array', 'borrowed', None, (4, 0)), (2, 'formal', 'pointer', 'array', 'borrowed', None, (4, 0)), (3, 'probationary', 'pointer', 'array', 'borrowed', None, (4, 0)), (4, 'out_count', 'counted', None, None, None, None),),
    "orgnet_coverage_rollup_rows": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_coverage_rollup_counter": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_coverage_rollup_rate": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_coverage_rule_count": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_coverage_rule": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_coverage_find_rule": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_coverage_findings": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_coverage_describe": ((0, 'out', 'pointer', 'text', 'owned', 'orgnet_free', (1, 0)), (1, 'out_len', 'counted', None, None, None, None),),
    "orgnet_coverage_skipped": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_coverage_rule_ran": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_coverage_disagreements": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_diff_networks": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_diff_free', None),),
    "orgnet_diff_table": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_diff_added": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_diff_removed": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_diff_changed": ((0, 'before_row', 'output', None, None, None, None), (1, 'after_row', 'output', None, None, None, None), (2, 'columns', 'pointer', 'array', 'borrowed', None, (3, 0)), (3, 'column_count', 'counted', None, None, None, None),),
    "orgnet_diff_column": ((0, 'out', 'pointer', 'text', 'borrowed', None, (1, 0)), (1, 'out_len', 'counted', None, None, None, None),),
    "orgnet_coverage_diff_compute": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_coverage_diff_free', None),),
    "orgnet_coverage_diff_counts": ((0, 'places', 'output', None, None, None, None), (1, 'moves', 'output', None, None, None, None),),
    "orgnet_coverage_diff_place": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_coverage_diff_move": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_coverage_diff_findings": ((0, 'before', 'pointer', 'array', 'borrowed', None, (2, 0)), (1, 'after', 'pointer', 'array', 'borrowed', None, (2, 0)), (2, 'rule_count', 'counted', None, None, None, None),),
    "orgnet_link_filter_init": ((0, 'filter', 'output', None, None, None, None),),
    "orgnet_suggestion_weights_init": ((0, 'weights', 'output', None, None, None, None),),
    "orgnet_links_build": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_links_free', None),),
    "orgnet_links_on": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_links_rows": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_links_pair_count": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_links_cluster_count": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_links_partners": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_links_neighbours": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_links_neighbours_many": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (2, 0)), (1, 'out_offsets', 'pointer', 'array', 'owned', 'orgnet_free', (5, 1)), (2, 'out_count', 'counted', None, None, None, None),),
    "orgnet_links_degree": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_links_isolated": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_links_rollup_isolation": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_links_components": ((0, 'cluster_of', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'org_count', 'counted', None, None, None, None), (2, 'sizes', 'pointer', 'array', 'owned', 'orgnet_free', (4, 0)), (3, 'first_org', 'pointer', 'array', 'owned', 'orgnet_free', (4, 0)), (4, 'cluster_count', 'counted', None, None, None, None),),
    "orgnet_links_articulation_points": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_links_bridges": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_links_betweenness": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_links_path": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_links_crossings": ((0, 'flags', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'flag_count', 'counted', None, None, None, None), (2, 'by_street', 'pointer', 'array', 'owned', 'orgnet_free', (3, 0)), (3, 'street_count', 'counted', None, None, None, None), (4, 'total', 'output', None, None, None, None),),
    "orgnet_links_suggest": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_matching_compute": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_matching_free', None),),
    "orgnet_matching_totals": ((0, 'total', 'output', None, None, None, None), (1, 'needed', 'output', None, None, None, None), (2, 'offered', 'output', None, None, None, None),),
    "orgnet_matching_allocations": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_matching_need_met": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_matching_resource_used": ((0, 'out', 'pointer', 'array', 'borrowed', None, (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_matching_unmet": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_matching_unused": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_event_options_init": ((0, 'options', 'output', None, None, None, None),),
    "orgnet_events_compute": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_events_free', None),),
    "orgnet_events_counts": ((0, 'counted', 'output', None, None, None, None), (1, 'outside', 'output', None, None, None, None), (2, 'as_of', 'output', None, None, None, None),),
    "orgnet_events_category_count": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_events_category": ((0, 'out', 'pointer', 'text', 'borrowed', None, (1, 0)), (1, 'out_len', 'counted', None, None, None, None),),
    "orgnet_events_rollup": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_events_hot_spots": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_reach_compute": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_reach_free', None),),
    "orgnet_reach_grids": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_reach_unplaced": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_reach_rollup": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_reach_functions": ((0, 'out', 'pointer', 'text', 'owned', 'orgnet_free', (1, 0)), (1, 'out_len', 'counted', None, None, None, None),),
    "orgnet_reach_site": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_haves_compute": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_haves_free', None),),
    "orgnet_haves_year": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_haves_communities": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_haves_findings": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_haves_describe": ((0, 'out', 'pointer', 'text', 'owned', 'orgnet_free', (1, 0)), (1, 'out_len', 'counted', None, None, None, None),),
    "orgnet_haves_rollup": ((0, 'out', 'pointer', 'array', 'owned', 'orgnet_free', (1, 0)), (1, 'out_count', 'counted', None, None, None, None),),
    "orgnet_result_writer_new": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_result_writer_free', None),),
    "orgnet_result_writer_table": ((0, 'out', 'pointer', 'text', 'owned', 'orgnet_free', (1, 0)), (1, 'out_len', 'counted', None, None, None, None),),
    "orgnet_result_writer_rows": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_follower_options_init": ((0, 'options', 'output', None, None, None, None),),
    "orgnet_follower_start": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_follower_free', None),),
    "orgnet_follower_latest": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_network_free', None), (1, 'lsn', 'output', None, None, None, None), (2, 'commit_time', 'output', None, None, None, None), (3, 'transactions', 'output', None, None, None, None),),
    "orgnet_follower_status": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_follower_message": ((0, 'out', 'pointer', 'text', 'owned', 'orgnet_free', (1, 0)), (1, 'out_len', 'counted', None, None, None, None),),
    "orgnet_follower_wait": ((0, 'out', 'output', None, None, None, None),),
    "orgnet_follower_refresh": ((0, 'out', 'pointer', 'handle', 'owned', 'orgnet_network_free', None), (1, 'lsn', 'output', None, None, None, None), (2, 'commit_time', 'output', None, None, None, None), (3, 'transactions', 'output', None, None, None, None), (4, 'edits', 'output', None, None, None, None),),
}

#: handle type -> the function that releases it.
RELEASE = {
    "orgnet_network": "orgnet_network_free",
    "orgnet_report": "orgnet_report_free",
    "orgnet_builder": "orgnet_builder_free",
    "orgnet_edit_batch": "orgnet_edit_batch_free",
    "orgnet_output": "orgnet_output_free",
    "orgnet_output_folder": "orgnet_output_folder_free",
    "orgnet_coverage": "orgnet_coverage_free",
    "orgnet_diff": "orgnet_diff_free",
    "orgnet_coverage_diff": "orgnet_coverage_diff_free",
    "orgnet_links": "orgnet_links_free",
    "orgnet_matching": "orgnet_matching_free",
    "orgnet_events": "orgnet_events_free",
    "orgnet_reach": "orgnet_reach_free",
    "orgnet_haves": "orgnet_haves_free",
    "orgnet_result_writer": "orgnet_result_writer_free",
    "orgnet_follower": "orgnet_follower_free",
}



# ---------------------------------------------------------------- methods
# The header's @abi{method CLASS NAME} and @abi{property CLASS NAME}: the binding's
# class CLASS inherits CLASSMethods, and gives them ``handle``, ``_call`` (the
# binding's call()), ``_row(table, value)`` (an id or a row as the row: @abi{ref})
# and ``_row_context()`` (see the comment above _ref).


def _ids(context, table, rows):
    """Rows of ``table`` as ids (None for ORGNET_NONE)."""
    ids = context.ids(table)
    return [_ref(ids, r, context.outside) for r in rows]


class HierarchyMethods:
    """Methods of Hierarchy generated from the header."""

    def parent(self, org: _Union[str, int]) -> _Optional[str]:
        """The leader of org, or ORGNET_NONE for a root (orgs row as its id; NONE: None) (orgnet_hierarchy_parent)."""
        return _ids(self._row_context(), 'orgs', [self._call('orgnet_hierarchy_parent', self.handle, self._row('orgs', org))])[0]

    def children(self, org: _Union[str, int]) -> list:
        """The orgs org leads directly, in file order (orgs rows as ids) (orgnet_hierarchy_children)."""
        return _ids(self._row_context(), 'orgs', self._call('orgnet_hierarchy_children', self.handle, self._row('orgs', org)))

    def siblings(self, org: _Union[str, int]) -> list:
        """The other children of org's parent, file order (orgs rows as ids) (orgnet_hierarchy_siblings)."""
        return _ids(self._row_context(), 'orgs', self._call('orgnet_hierarchy_siblings', self.handle, self._row('orgs', org)))

    def ancestors(self, org: _Union[str, int]) -> list:
        """The path to the root, parent first, root last (orgs rows as ids) (orgnet_hierarchy_ancestors)."""
        return _ids(self._row_context(), 'orgs', self._call('orgnet_hierarchy_ancestors', self.handle, self._row('orgs', org)))

    def subtree(self, org: _Union[str, int]) -> list:
        """The subtree of org in pre-order, org first (orgs rows as ids) (orgnet_hierarchy_subtree)."""
        return _ids(self._row_context(), 'orgs', self._call('orgnet_hierarchy_subtree', self.handle, self._row('orgs', org)))

    def descendants(self, org: _Union[str, int]) -> list:
        """The subtree without org, pre-order (orgs rows as ids) (orgnet_hierarchy_descendants)."""
        return _ids(self._row_context(), 'orgs', self._call('orgnet_hierarchy_descendants', self.handle, self._row('orgs', org)))

    def depth(self, org: _Union[str, int]) -> int:
        """Edges from the root (a root has depth 0) (orgnet_hierarchy_depth)."""
        return self._call('orgnet_hierarchy_depth', self.handle, self._row('orgs', org))

    def root(self, org: _Union[str, int]) -> _Optional[str]:
        """The root of org's tree (itself for a root) (orgs row as its id; NONE: None) (orgnet_hierarchy_root)."""
        return _ids(self._row_context(), 'orgs', [self._call('orgnet_hierarchy_root', self.handle, self._row('orgs', org))])[0]

    def subtree_size(self, org: _Union[str, int]) -> int:
        """Orgs in the subtree, org included (orgnet_hierarchy_subtree_size)."""
        return self._call('orgnet_hierarchy_subtree_size', self.handle, self._row('orgs', org))

    def lca(self, a: _Union[str, int], b: _Union[str, int]) -> _Optional[str]:
        """The lowest common ancestor (an org is its own ancestor here), or ORGNET_NONE when the two lie in different trees (orgs row as its id; NONE: None) (orgnet_hierarchy_lca)."""
        return _ids(self._row_context(), 'orgs', [self._call('orgnet_hierarchy_lca', self.handle, self._row('orgs', a), self._row('orgs', b))])[0]

    def roots(self) -> list:
        """The roots in file order (orgs rows as ids) (orgnet_hierarchy_roots)."""
        return _ids(self._row_context(), 'orgs', self._call('orgnet_hierarchy_roots', self.handle))

    def preorder(self) -> list:
        """Every org in pre-order (orgs rows as ids) (orgnet_hierarchy_preorder)."""
        return _ids(self._row_context(), 'orgs', self._call('orgnet_hierarchy_preorder', self.handle))

    def preorder_position(self, org: _Union[str, int]) -> int:
        """The position of org in orgnet_hierarchy_preorder() (its subtree occupies the next subtree-size positions) (orgnet_hierarchy_preorder_position)."""
        return self._call('orgnet_hierarchy_preorder_position', self.handle, self._row('orgs', org))

    @property
    def max_depth(self) -> int:
        """The greatest depth of any organization (0 for an empty network) (orgnet_hierarchy_max_depth)."""
        return self._call('orgnet_hierarchy_max_depth', self.handle)


class LinksMethods:
    """Methods of Links generated from the header."""

    @property
    def pair_count(self) -> int:
        """Distinct linked pairs (orgnet_links_pair_count)."""
        return self._call('orgnet_links_pair_count', self.handle)

    def cluster_count(self, min_size) -> int:
        """Clusters (connected groups of organizations) of at least min_size organizations: 1 counts every organization's cluster, 2 only those with a link (orgnet_links_cluster_count)."""
        return self._call('orgnet_links_cluster_count', self.handle, min_size)

    def neighbours(self, org: _Union[str, int]) -> list:
        """The distinct partners of org, ascending (orgs rows as ids) (orgnet_links_neighbours)."""
        return _ids(self._row_context(), 'orgs', self._call('orgnet_links_neighbours', self.handle, self._row('orgs', org)))

    def degree(self, org: _Union[str, int]) -> int:
        """Number of distinct partners (orgnet_links_degree)."""
        return self._call('orgnet_links_degree', self.handle, self._row('orgs', org))

    def isolated(self) -> list:
        """Organizations without a link, ascending (orgs rows as ids) (orgnet_links_isolated)."""
        return _ids(self._row_context(), 'orgs', self._call('orgnet_links_isolated', self.handle))

    def articulation_points(self) -> list:
        """Organizations whose removal splits a cluster, ascending (orgs rows as ids) (orgnet_links_articulation_points)."""
        return _ids(self._row_context(), 'orgs', self._call('orgnet_links_articulation_points', self.handle))
