// Uses the installed C++ API: loads the dataset named on the command line, prints a line.
#include <iostream>

#include "orgnet/network.h"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  auto network = orgnet::Network::Load(argv[1]);
  if (!network.ok()) {
    std::cerr << network.status() << "\n";
    return 1;
  }
  const auto& h = network->hierarchy();
  std::cout << "orgs " << network->org_count() << ", roots " << h.roots().size()
            << ", greatest depth " << h.max_depth() << "\n";
  return 0;
}
