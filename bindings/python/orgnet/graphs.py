"""The leadership tree and the co-building link graph as networkx and python-igraph graphs, and
as plain nodes and edges for writers of other graph formats (GraphML, DOT: ``orgnet export``).
networkx and python-igraph are optional and imported here only, when a conversion is called."""

from __future__ import annotations

from typing import Optional, Sequence

from ._capi import NONE, OUTSIDE_ROW

__all__ = ["GRAPHS", "to_networkx", "to_igraph", "nodes", "edges", "check_graph"]

#: The graphs a network converts to: "links" (co-building links, a multigraph: one edge per
#: link row, parallel links of different kinds or dates kept) and "tree" (leadership, directed
#: from leader to led).
GRAPHS = ("links", "tree")


def check_graph(graph: str) -> None:
    """UnknownNameError unless ``graph`` is one of GRAPHS."""
    from ._args import choice
    choice("graph", graph, GRAPHS)


def nodes(network):
    """(ids, names, kinds) of the organizations, by org row."""
    orgs = network.orgs
    return orgs.ids(), orgs.column("name"), orgs.column("kind")


def edges(network, graph: str, on, kinds):
    """[(a, b, attributes)] as org rows: the tree's (leader, led), or the link rows that pass
    the filter, in row order; links to an org outside a scoped view are left out."""
    if graph == "tree":
        parents = network.orgs.array("parent")
        return [(p, child, {}) for child, p in enumerate(parents)
                if p != NONE and p != OUTSIDE_ROW]
    from ._link_filter import link_rows
    table = network.links
    rows = link_rows(network, on, kinds)
    a, b = table.array("a"), table.array("b")
    kind, since, until = table.column("kind"), table.column("since"), table.column("until")
    return [(a[r], b[r], {"link": r, "kind": kind[r], "since": since[r], "until": until[r]})
            for r in rows if a[r] != OUTSIDE_ROW and b[r] != OUTSIDE_ROW]


def to_networkx(network, graph: str = "links", on=None, kinds: Optional[Sequence[str]] = None):
    """A networkx graph of the network's organizations (nodes are org ids with ``name`` and
    ``kind`` attributes, in row order). ``graph="links"``: a MultiGraph with one edge per link
    row that passes ``on``/``kinds`` (as ``orgnet.links``), keyed by the link row, with
    ``kind``, ``since`` and ``until``; ``graph="tree"``: a DiGraph from leader to led."""
    check_graph(graph)
    try:
        import networkx as nx
    except ImportError:
        raise ImportError("to_networkx() needs networkx, which is not installed (Debian: "
                          "apt install python3-networkx)") from None
    ids, names, org_kinds = nodes(network)
    out = nx.DiGraph() if graph == "tree" else nx.MultiGraph()
    out.add_nodes_from((ids[i], {"name": names[i], "kind": org_kinds[i]}) for i in range(len(ids)))
    for a, b, attributes in edges(network, graph, on, kinds):
        if graph == "tree":
            out.add_edge(ids[a], ids[b])
        else:
            out.add_edge(ids[a], ids[b], key=attributes["link"], **attributes)
    return out


def to_igraph(network, graph: str = "links", on=None, kinds: Optional[Sequence[str]] = None):
    """A python-igraph Graph of the same nodes and edges as ``to_networkx`` (vertex i is org
    row i, with ``name`` = id, ``label`` = name and ``kind``; edges in link-row order with
    ``link``, ``kind``, ``since``, ``until``; the tree is directed)."""
    check_graph(graph)
    try:
        import igraph
    except ImportError:
        raise ImportError("to_igraph() needs python-igraph, which is not installed (Debian: "
                          "apt install python3-igraph)") from None
    ids, names, org_kinds = nodes(network)
    found = edges(network, graph, on, kinds)
    out = igraph.Graph(n=len(ids), edges=[(a, b) for a, b, _ in found],
                       directed=graph == "tree")
    out.vs["name"] = ids
    out.vs["label"] = names
    out.vs["kind"] = org_kinds
    if graph == "links" and found:
        for key in ("link", "kind", "since", "until"):
            out.es[key] = [attributes[key] for _, _, attributes in found]
    return out
