// What Network::Load shares with the database loader, and its one tuning knob for tests.
#ifndef ORGNET_SRC_LOAD_LOADER_H_
#define ORGNET_SRC_LOAD_LOADER_H_

#include <cstddef>


namespace orgnet::internal {

// A table no other table references: nothing waits for its ids, so its cells can be typed as
// they are read (build/build.h: TableStreams). A table's file, or the rows of its query.
bool IsStreamedTable(int table);

// The bytes of a streamed file (members, links, events, ...) read as one chunk: 32 MiB by
// default. A load gives the same network and the same diagnostics whatever the size; tests
// set small ones to prove it. Returns the previous size; 0 restores the default. Not to be
// called while a load runs.
std::size_t SetStreamChunkBytesForTesting(std::size_t bytes);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_LOAD_LOADER_H_
