# Every third-party library comes from a Debian package (scripts/setup.sh installs them).
# Each is wrapped in an imported target named kp_dep::<name>, so module declarations say which
# layer may use which library, and the layering check (cmake/CheckLayering.cmake) can forbid them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

find_package(Boost 1.74 REQUIRED COMPONENTS system)
add_library(kp_dep_boost INTERFACE)
target_link_libraries(kp_dep_boost INTERFACE Boost::boost Boost::system Threads::Threads)
target_compile_definitions(kp_dep_boost INTERFACE BOOST_BEAST_USE_STD_STRING_VIEW BOOST_ASIO_NO_DEPRECATED)
add_library(kp_dep::boost ALIAS kp_dep_boost)

find_package(SQLite3 REQUIRED)
add_library(kp_dep::sqlite ALIAS SQLite::SQLite3)

find_package(PostgreSQL REQUIRED)
add_library(kp_dep::pq ALIAS PostgreSQL::PostgreSQL)

find_package(nlohmann_json 3.10 REQUIRED)
add_library(kp_dep::json ALIAS nlohmann_json::nlohmann_json)

find_package(yaml-cpp REQUIRED)
add_library(kp_dep_yaml INTERFACE)
if(TARGET yaml-cpp::yaml-cpp)
  target_link_libraries(kp_dep_yaml INTERFACE yaml-cpp::yaml-cpp)
else()
  target_link_libraries(kp_dep_yaml INTERFACE yaml-cpp)
endif()
add_library(kp_dep::yaml ALIAS kp_dep_yaml)

pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
add_library(kp_dep::toml ALIAS PkgConfig::TOMLPP)

pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
add_library(kp_dep::sodium ALIAS PkgConfig::SODIUM)

pkg_check_modules(CBC REQUIRED IMPORTED_TARGET cbc)
add_library(kp_dep::cbc ALIAS PkgConfig::CBC)

find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
add_library(kp_dep_log INTERFACE)
target_link_libraries(kp_dep_log INTERFACE spdlog::spdlog fmt::fmt)
add_library(kp_dep::log ALIAS kp_dep_log)

find_package(CLI11 CONFIG REQUIRED)
add_library(kp_dep::cli11 ALIAS CLI11::CLI11)

pkg_check_modules(PUGIXML REQUIRED IMPORTED_TARGET pugixml)
add_library(kp_dep::pugixml ALIAS PkgConfig::PUGIXML)

pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
add_library(kp_dep::zip ALIAS PkgConfig::LIBZIP)

# libxlsxwriter writes the XLSX item-bank templates and exports (src/interop/xlsx_writer.cc):
# Excel-grade output with data-validation drop-downs, text-formatted columns and frozen headers.
# Reading XLSX stays on libzip + pugixml (libxlsxwriter cannot read).
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
add_library(kp_dep::xlsxwriter ALIAS PkgConfig::XLSXWRITER)

pkg_check_modules(PDFLIBS REQUIRED IMPORTED_TARGET cairo pangocairo libqrencode)
add_library(kp_dep::pdf ALIAS PkgConfig::PDFLIBS)

if(KAOPING_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(KAOPING_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

find_package(OpenSSL REQUIRED)
add_library(kp_dep::crypto ALIAS OpenSSL::Crypto)
