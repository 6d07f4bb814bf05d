// Shared helpers of the C++ tests: temporary dataset folders and the hand-built fixture.
#ifndef ORGNET_TESTS_TEST_UTIL_H_
#define ORGNET_TESTS_TEST_UTIL_H_

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace orgnet::testing {

// A folder under the system temp dir, removed with its contents at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "orgnet-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

using Files = std::map<std::string, std::string>;

inline void WriteFiles(const std::string& folder, const Files& files) {
  std::filesystem::create_directories(folder);
  for (const auto& [name, content] : files) {
    std::ofstream out(folder + "/" + name, std::ios::binary);
    out << content;
  }
}

// A small district worked out by hand (see territory_test.cc for its places):
//   D1 district
//   ├── S1 street ── C1 community ── B1 branch (grid G1) ── B2 group
//   │            ├── C2 community ── J1 joint (grid G3)
//   │            └── U1 unit (grid G2; led by the street, in file order after C2)
//   └── S2 street ── C3 community
//   X1 unit, a root with no place
inline Files DistrictFixture() {
  return {
      {"manifest.csv", "key,value\nversion,1\nname,fixture\nas_of,2026-06-30\n"},
      {"orgs.csv",
       "id,name,kind,parent,grid,level,phone\n"
       "D1,和平区委,district,,,committee,\n"
       "S1,南市街道党工委,street,D1,,committee,022-1\n"
       "S2,小白楼街道党工委,street,D1,,committee,\n"
       "C1,荣业社区党委,community,S1,,committee,\n"
       "C2,\"社区, \"\"二\"\"\",community,S1,,general_branch,\n"
       "C3,泰达社区党支部,community,S2,,branch,\n"
       "B1,网格一支部,branch,C1,G1,branch,\n"
       "B2,楼宇党小组,group,B1,,,\n"
       "U1,企业甲党支部,unit,S1,G2,branch,\n"
       "J1,联合党支部,joint,C2,G3,branch,\n"
       "X1,orphan,unit,,,,\n"},
      {"grids.csv",
       "id,name,community,households,lon,lat\n"
       "G1,一网格,C1,420,117.2,39.12\n"
       "G2,二网格,C1,380,,\n"
       "G3,三网格,C2,,117.21,39.125\n"
       "G4,四网格,C3,510,,\n"},
      {"units.csv",
       "id,name,kind,grid,org,instructor,liaison,employees\n"
       "UA,甲公司,enterprise,G1,U1,,,120\n"
       "UB,乙协会,social_org,G3,J1,,,8\n"
       "UC,丙商店,enterprise,G4,,T1,,5\n"},
      {"members.csv",
       "id,name,org,status,unit,community,mobile,station,away_since,last_contact\n"
       "M1,张三,B1,formal,UA,C1,0,,,2026-01-05\n"
       "M2,李四,U1,probationary,,,,,,\n"
       "M3,王五,,formal,,,1,,2025-01-01,\n"
       "M4,赵六,X1,formal,,,,,,\n"},
      {"staff.csv",
       "id,name,role,grid\n"
       "T1,指导员甲,instructor,G4\n"
       "T2,网格员乙,grid_manager,G1\n"},
      {"links.csv",
       "a,b,kind,since,until\n"
       "C1,U1,pairing,2024-01-01,\n"
       "U1,C1,joint_meeting,2024-01-01,2025-01-01\n"},
  };
}

}  // namespace orgnet::testing

#endif  // ORGNET_TESTS_TEST_UTIL_H_
