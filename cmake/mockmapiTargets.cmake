# The imported targets of mockmapi, defined the same way for an installed package (mockmapiConfig.cmake) and for
# a source tree used with add_subdirectory/FetchContent (the top-level CMakeLists.txt):
#
#   mockmapi::mockmapi  the library (shared when there is one, else static) with include/ (mockmapi.h)
#   mockmapi::shared    the shared library (libmockmapi.so.0, libmockmapi.0.dylib, mockmapi.dll), when present
#   mockmapi::static    the static library (libmockmapi.a, mockmapi.lib) with the system libraries it needs
#   mockmapi::sdk       mockmapi::mockmapi plus the SDK-compatible headers (<windows.h>, <mapix.h>, ...) for
#                       sources written against the Windows SDK
#   mockmapi::cpp       mockmapi::sdk plus the C++17 helpers (mockmapi.hpp)
#   mockmapi::gtest     mockmapi::cpp plus the GoogleTest fixture (mockmapi_gtest.hpp) and GTest::gtest (defined
#                       when find_package(GTest) finds GoogleTest)
include_guard(GLOBAL)

# mockmapi_define_targets(INCLUDE_DIR dir SDK_DIR dir CPP_DIR dir [SHARED file] [SONAME name] [IMPLIB file]
#                         [STATIC file] [GLOBAL])
function(mockmapi_define_targets)
    cmake_parse_arguments(MM "GLOBAL" "INCLUDE_DIR;SDK_DIR;CPP_DIR;SHARED;SONAME;IMPLIB;STATIC" "" ${ARGN})
    set(scope)
    if(MM_GLOBAL)
        set(scope GLOBAL)
    endif()
    if(NOT TARGET Threads::Threads)
        set(THREADS_PREFER_PTHREAD_FLAG ON)
        find_package(Threads REQUIRED)
    endif()

    if(MM_STATIC)
        add_library(mockmapi::static STATIC IMPORTED ${scope})
        # The system libraries Rust's standard library needs (rustc --print native-static-libs, less what every
        # C link adds anyway).
        set(system_libs Threads::Threads)
        if(WIN32)
            list(APPEND system_libs ws2_32 userenv ntdll bcrypt advapi32 kernel32)
        elseif(APPLE)
            list(APPEND system_libs "-framework CoreFoundation" iconv m)
        else()
            list(APPEND system_libs ${CMAKE_DL_LIBS} m)
        endif()
        set_target_properties(mockmapi::static PROPERTIES
            IMPORTED_LOCATION "${MM_STATIC}"
            IMPORTED_LINK_INTERFACE_LANGUAGES C
            INTERFACE_INCLUDE_DIRECTORIES "${MM_INCLUDE_DIR}"
            INTERFACE_LINK_LIBRARIES "${system_libs}")
    endif()

    if(MM_SHARED)
        add_library(mockmapi::shared SHARED IMPORTED ${scope})
        set_target_properties(mockmapi::shared PROPERTIES
            IMPORTED_LOCATION "${MM_SHARED}"
            INTERFACE_INCLUDE_DIRECTORIES "${MM_INCLUDE_DIR}"
            INTERFACE_LINK_LIBRARIES Threads::Threads)
        if(MM_SONAME)
            set_target_properties(mockmapi::shared PROPERTIES IMPORTED_SONAME "${MM_SONAME}")
        endif()
        if(MM_IMPLIB)
            set_target_properties(mockmapi::shared PROPERTIES IMPORTED_IMPLIB "${MM_IMPLIB}")
        endif()
    endif()

    add_library(mockmapi::mockmapi INTERFACE IMPORTED ${scope})
    if(MM_SHARED)
        set_target_properties(mockmapi::mockmapi PROPERTIES INTERFACE_LINK_LIBRARIES mockmapi::shared)
    elseif(MM_STATIC)
        set_target_properties(mockmapi::mockmapi PROPERTIES INTERFACE_LINK_LIBRARIES mockmapi::static)
    else()
        message(FATAL_ERROR "mockmapi: neither a shared nor a static library to import")
    endif()

    add_library(mockmapi::sdk INTERFACE IMPORTED ${scope})
    set_target_properties(mockmapi::sdk PROPERTIES
        INTERFACE_INCLUDE_DIRECTORIES "${MM_SDK_DIR}"
        INTERFACE_LINK_LIBRARIES mockmapi::mockmapi)

    add_library(mockmapi::cpp INTERFACE IMPORTED ${scope})
    set_target_properties(mockmapi::cpp PROPERTIES
        INTERFACE_INCLUDE_DIRECTORIES "${MM_CPP_DIR}"
        INTERFACE_COMPILE_FEATURES cxx_std_17
        INTERFACE_LINK_LIBRARIES mockmapi::sdk)

    # GoogleTest is looked for only here, so that a C-only project never needs it.
    if(NOT TARGET GTest::gtest)
        find_package(GTest QUIET)
    endif()
    if(TARGET GTest::gtest)
        add_library(mockmapi::gtest INTERFACE IMPORTED ${scope})
        set_target_properties(mockmapi::gtest PROPERTIES INTERFACE_LINK_LIBRARIES "mockmapi::cpp;GTest::gtest")
    else()
        message(STATUS "mockmapi: GoogleTest not found, so no mockmapi::gtest (install libgtest-dev / googletest)")
    endif()
endfunction()
