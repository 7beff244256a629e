/* The version: the header's MOCKMAPI_VERSION_* macros and the library's mockmapi_version() /
 * mockmapi_version_number() agree (both come from Cargo.toml), and asking for it needs no MAPIInitialize. */
#include "mm_test.h"

#include <stdio.h>

#define MM_STR2(x) #x
#define MM_STR(x) MM_STR2(x)

#if MOCKMAPI_VERSION_NUMBER != MOCKMAPI_VERSION_MAJOR * 1000000 + MOCKMAPI_VERSION_MINOR * 1000 + MOCKMAPI_VERSION_PATCH
#error "MOCKMAPI_VERSION_NUMBER is not made of MAJOR, MINOR and PATCH"
#endif

static void test_header_and_library_versions_agree(void) {
    const char *lib = mockmapi_version();
    CHECK(lib != NULL, "mockmapi_version() returns a string");
    if (lib == NULL) return;
    CHECK(strcmp(lib, MOCKMAPI_VERSION_STRING) == 0, "the library's version is the header's");
    CHECK_EQ(mockmapi_version_number(), MOCKMAPI_VERSION_NUMBER);
    const char *parts = MM_STR(MOCKMAPI_VERSION_MAJOR) "." MM_STR(MOCKMAPI_VERSION_MINOR) "." MM_STR(
        MOCKMAPI_VERSION_PATCH);
    CHECK(strncmp(MOCKMAPI_VERSION_STRING, parts, strlen(parts)) == 0,
          "MOCKMAPI_VERSION_STRING starts with MAJOR.MINOR.PATCH");
    CHECK(lib == mockmapi_version(), "the string is static");
}

/* A version query is not a MAPI call: it works before MAPIInitialize and records nothing. */
static void test_version_needs_no_initialize_and_journals_nothing(void) {
    (void)mockmapi_version();
    CHECK_EQ(mockmapi_journal_count(), 0);
    CHECK_EQ(mockmapi_violation_count(), 0);
}

int main(void) {
    test_version_needs_no_initialize_and_journals_nothing();
    test_header_and_library_versions_agree();
    printf("mockmapi %s\n", mockmapi_version());
    return mm_finish("version");
}
