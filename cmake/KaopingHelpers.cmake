# Helper functions that declare kaoping modules and their tests (after Abseil's absl_cc_library).
#
#   kaoping_module(NAME core_standards
#                  LAYER core                # core | store | service | interfaces | app
#                  SRCS a.cc b.cc
#                  DEPS kp::base kp_dep::yaml)
# declares library target kp_<NAME> with alias kp::<NAME>. The LAYER decides which third-party
# libraries the module may reach: a core module that lists kp_dep::sqlite, kp_dep::boost,
# kp_dep::pq or kp_dep::json is a configuration error, and a build-time check fails when a core
# source includes one of their headers (cmake/CheckLayering.cmake), because system headers in
# /usr/include are reachable without any link.
#
# Dependencies between modules point downward only: core (base and core) < store < service <
# interfaces < app. kaoping_check_layer_order(), called once at the end of the top-level
# CMakeLists.txt, walks every kp_* target and fails configuration when a module links (publicly
# or privately) a module of a higher layer.
#
#   kaoping_test(NAME core_standards_test SRCS x_test.cc DEPS kp::core_standards [LABELS l])
# declares a GoogleTest executable and registers every test case with CTest.

set(KAOPING_FORBIDDEN_IN_core kp_dep::sqlite kp_dep::boost kp_dep::pq kp_dep::json)
set(KAOPING_FORBIDDEN_IN_store kp_dep::boost)
set(KAOPING_LAYERS core store service interfaces app)  # lowest first

function(kaoping_apply_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wcast-align -Wunused -Woverloaded-virtual -Wnull-dereference
                                           -Wimplicit-fallthrough)
  if(KAOPING_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

function(kaoping_module)
  cmake_parse_arguments(M "" "NAME;LAYER" "SRCS;DEPS;PRIVATE_DEPS" ${ARGN})
  if(NOT M_LAYER)
    message(FATAL_ERROR "kaoping_module(${M_NAME}): LAYER is required")
  endif()
  if(NOT M_LAYER IN_LIST KAOPING_LAYERS)
    message(FATAL_ERROR "kaoping_module(${M_NAME}): unknown LAYER '${M_LAYER}' (one of: ${KAOPING_LAYERS})")
  endif()
  foreach(dep IN LISTS M_DEPS M_PRIVATE_DEPS)
    if(dep IN_LIST KAOPING_FORBIDDEN_IN_${M_LAYER})
      message(FATAL_ERROR "kaoping_module(${M_NAME}): layer '${M_LAYER}' may not depend on ${dep}")
    endif()
  endforeach()
  add_library(kp_${M_NAME} STATIC ${M_SRCS})
  add_library(kp::${M_NAME} ALIAS kp_${M_NAME})
  target_include_directories(kp_${M_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(kp_${M_NAME} PUBLIC ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS})
  kaoping_apply_warnings(kp_${M_NAME})
  set_property(TARGET kp_${M_NAME} PROPERTY KAOPING_LAYER ${M_LAYER})
  if(M_LAYER STREQUAL "core")
    # Scan the module's sources for forbidden headers on every build where they changed.
    set(stamp ${CMAKE_CURRENT_BINARY_DIR}/kp_${M_NAME}.layering.stamp)
    set(abs_srcs "")
    foreach(s IN LISTS M_SRCS)
      get_filename_component(a ${s} ABSOLUTE)
      list(APPEND abs_srcs ${a})
      get_filename_component(d ${a} DIRECTORY)
      file(GLOB hdrs ${d}/*.h)
      list(APPEND abs_srcs ${hdrs})
    endforeach()
    list(REMOVE_DUPLICATES abs_srcs)
    string(REPLACE ";" "|" joined "${abs_srcs}")
    add_custom_command(
      OUTPUT ${stamp}
      COMMAND ${CMAKE_COMMAND} -DFILES=${joined} -DMODULE=${M_NAME} -DSTAMP=${stamp}
              -P ${PROJECT_SOURCE_DIR}/cmake/CheckLayering.cmake
      DEPENDS ${abs_srcs} ${PROJECT_SOURCE_DIR}/cmake/CheckLayering.cmake
      COMMENT "Checking that core module ${M_NAME} includes no I/O, SQL, HTTP or JSON headers"
      VERBATIM)
    add_custom_target(kp_${M_NAME}_layering DEPENDS ${stamp})
    add_dependencies(kp_${M_NAME} kp_${M_NAME}_layering)
  endif()
endfunction()

# Collects the build-system targets of `dir` and of every directory below it into `out`.
function(kaoping_targets_below dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    kaoping_targets_below(${sub} sub_targets)
    list(APPEND targets ${sub_targets})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# Fails configuration when a module depends on a module of a higher layer. Reads each kp_* target's
# KAOPING_LAYER and the kp::/kp_ modules in its LINK_LIBRARIES and INTERFACE_LINK_LIBRARIES
# (generator expressions such as $<LINK_ONLY:kp::x> included); kp_dep:: libraries and targets
# without a layer (tests, contract suites) are not modules and are skipped. Every violation is
# reported before configuration stops.
function(kaoping_check_layer_order)  # call from the top-level CMakeLists.txt, after every module
  kaoping_targets_below(${CMAKE_CURRENT_SOURCE_DIR} targets)
  set(violations "")
  foreach(t IN LISTS targets)
    if(NOT t MATCHES "^kp_")
      continue()
    endif()
    get_target_property(layer ${t} KAOPING_LAYER)
    if(NOT layer)
      continue()
    endif()
    list(FIND KAOPING_LAYERS ${layer} rank)
    get_target_property(direct ${t} LINK_LIBRARIES)
    get_target_property(iface ${t} INTERFACE_LINK_LIBRARIES)
    set(names "")
    foreach(entry IN LISTS direct iface)
      if(NOT entry)
        continue()
      endif()
      # "kp_dep::json" yields "kp_dep::" (skipped below); "kp::wire" and "kp_wire" the module.
      string(REGEX MATCHALL "kp(::|_)[A-Za-z0-9_]+(::)?" found "${entry}")
      foreach(f IN LISTS found)
        if(f MATCHES "::$")
          continue()
        endif()
        string(REGEX REPLACE "^kp::" "kp_" f "${f}")
        list(APPEND names ${f})
      endforeach()
    endforeach()
    list(REMOVE_DUPLICATES names)
    foreach(dep IN LISTS names)
      if(dep STREQUAL t OR NOT TARGET ${dep})
        continue()
      endif()
      get_target_property(dep_layer ${dep} KAOPING_LAYER)
      if(NOT dep_layer)
        continue()
      endif()
      list(FIND KAOPING_LAYERS ${dep_layer} dep_rank)
      if(dep_rank GREATER rank)
        string(REGEX REPLACE "^kp_" "" m "${t}")
        string(REGEX REPLACE "^kp_" "" d "${dep}")
        list(APPEND violations "module ${m} (layer ${layer}) may not depend on ${d} (layer ${dep_layer})")
      endif()
    endforeach()
  endforeach()
  if(violations)
    list(JOIN violations "\n  " text)
    list(JOIN KAOPING_LAYERS " < " order)
    message(FATAL_ERROR "Layering: dependencies must point downward (${order}; docs/architecture.md):\n"
                        "  ${text}")
  endif()
endfunction()

function(kaoping_test)
  if(NOT KAOPING_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SRCS})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${T_NAME} PRIVATE KAOPING_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                               KAOPING_BINARY_DIR="${PROJECT_BINARY_DIR}")
  kaoping_apply_warnings(${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60
                       PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS "${T_LABELS}")
endfunction()

function(kaoping_bench)
  if(NOT KAOPING_BUILD_BENCH)
    return()
  endif()
  cmake_parse_arguments(B "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${B_NAME} ${B_SRCS})
  target_link_libraries(${B_NAME} PRIVATE ${B_DEPS} benchmark::benchmark)
  target_include_directories(${B_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/src)
endfunction()

include(GoogleTest OPTIONAL)
