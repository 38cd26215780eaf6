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
#   kaoping_test(NAME core_standards_test SRCS x_test.cc DEPS kp::core_standards [LABELS l])
# declares a GoogleTest executable and registers every test case with CTest.

set(KAOPING_FORBIDDEN_IN_core kp_dep::sqlite kp_dep::boost kp_dep::pq kp_dep::json)
set(KAOPING_FORBIDDEN_IN_store kp_dep::boost)

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
