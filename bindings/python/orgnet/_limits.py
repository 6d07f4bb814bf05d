"""Sizes at which the commands switch to methods of bounded cost (no ctypes: the command line
imports this before it loads the library)."""

#: Above this many organizations the commands (``orgnet links``, ``orgnet demo``) estimate
#: betweenness from sampled sources: exact betweenness costs O(orgs x links), hours on a
#: million organizations.
EXACT_BETWEENNESS_LIMIT = 20000
#: The sources sampled above that size.
SAMPLED_SOURCES = 256
