// What the C ABI's matching, events, reach and three-haves handles hold (shared by their own
// functions and the result writer's).
#ifndef ORGNET_CAPI_ANALYSIS_HANDLES_H_
#define ORGNET_CAPI_ANALYSIS_HANDLES_H_

#include "orgnet/centres.h"
#include "orgnet/events.h"
#include "orgnet/haves.h"
#include "orgnet/matching.h"
#include "orgnet/orgnet.h"

struct orgnet_matching {
  orgnet::Matching matching;
};
struct orgnet_events {
  orgnet::EventReport report;
};
struct orgnet_reach {
  orgnet::CentreReach reach;
};
struct orgnet_haves {
  orgnet::ThreeHaves haves;
};

#endif  // ORGNET_CAPI_ANALYSIS_HANDLES_H_
