/* Uses the installed C ABI (built by CMake here, and by pkg-config in run.sh). */
#include <stdio.h>
#include <string.h>

#include "orgnet/orgnet.h"

int main(int argc, char** argv) {
  orgnet_network* network = NULL;
  uint32_t orgs = 0;
  if (argc != 2) return 2;
  if (orgnet_network_load(&network, argv[1], strlen(argv[1]), NULL, NULL) != ORGNET_OK) {
    fprintf(stderr, "%s\n", orgnet_last_error());
    return 1;
  }
  orgnet_network_rows(&orgs, network, ORGNET_TABLE_ORGS);
  printf("liborgnet %s: orgs %u\n", orgnet_version(), (unsigned)orgs);
  orgnet_network_free(network);
  return 0;
}
