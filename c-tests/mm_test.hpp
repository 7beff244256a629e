/*
 * mm_test.hpp — shared helpers for the C++ test programs in c-tests/ (not part of the public API): the C++
 * counterpart of mm_test.h's assertions, plus journal queries. Uses only mockmapi.h's control API, so it works
 * with the interfaces in either form (lpVtbl structs, or the SDK headers' classes).
 *
 * - CHECK / CHECK_HR / CHECK_EQ: print file:line, what failed and why, and keep going;
 *   mm_finish() prints the journal if anything failed and gives the exit code.
 */
#ifndef MM_TEST_HPP
#define MM_TEST_HPP

#include "mockmapi.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

inline int &mm_failures() {
    static int failures = 0;
    return failures;
}

inline std::string mm_journal_text() {
    std::string text(mockmapi_journal_render(nullptr, 0) + 1, '\0');
    size_t length = mockmapi_journal_render(&text[0], text.size());
    text.resize(length < text.size() ? length : text.size() - 1);
    return text;
}

inline void mm_print_journal() {
    std::fprintf(stderr, "---- journal (%zu events, %zu violations) ----\n%s----\n", mockmapi_journal_count(),
                 mockmapi_violation_count(), mm_journal_text().c_str());
}

inline const char *mm_hr_text(HRESULT hr) {
    const char *name = mockmapi_hresult_name(hr);
    return name[0] != '\0' ? name : "unknown";
}

inline bool mm_check(bool ok, const char *expr, const char *why, const char *file, int line) {
    if (!ok) {
        ++mm_failures();
        std::fprintf(stderr, "%s:%d: CHECK failed: %s -- %s\n", file, line, expr, why);
    }
    return ok;
}

inline bool mm_check_hr(HRESULT got, HRESULT want, const char *expr, const char *file, int line) {
    if (got != want) {
        ++mm_failures();
        std::fprintf(stderr, "%s:%d: %s returned %s (0x%08X), expected %s (0x%08X)\n", file, line, expr,
                     mm_hr_text(got), static_cast<unsigned>(got), mm_hr_text(want), static_cast<unsigned>(want));
        return false;
    }
    return true;
}

inline bool mm_check_eq(unsigned long long got, unsigned long long want, const char *expr, const char *file,
                        int line) {
    if (got != want) {
        ++mm_failures();
        std::fprintf(stderr, "%s:%d: %s is %llu, expected %llu\n", file, line, expr, got, want);
        return false;
    }
    return true;
}

#define CHECK(cond, why) mm_check((cond), #cond, (why), __FILE__, __LINE__)
#define CHECK_HR(expr, want) mm_check_hr(static_cast<HRESULT>(expr), static_cast<HRESULT>(want), #expr, __FILE__, __LINE__)
#define CHECK_EQ(expr, want) \
    mm_check_eq(static_cast<unsigned long long>(expr), static_cast<unsigned long long>(want), #expr, __FILE__, __LINE__)

/* Print PASS or the journal; the program's exit code. */
inline int mm_finish(const char *program) {
    if (mm_failures() != 0) {
        mm_print_journal();
        std::fprintf(stderr, "%s: %d check(s) failed\n", program, mm_failures());
        return 1;
    }
    std::printf("%s: PASS\n", program);
    return 0;
}

/* Every journal event, in order. */
inline std::vector<mockmapi_event> mm_events() {
    std::vector<mockmapi_event> events;
    size_t count = mockmapi_journal_count();
    for (size_t i = 0; i < count; i++) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) == S_OK) events.push_back(e);
    }
    return events;
}

/* The provider calls of one method (MOCKMAPI_METHOD_*), in order. */
inline std::vector<mockmapi_event> mm_provider_calls(uint32_t method) {
    std::vector<mockmapi_event> calls;
    for (const mockmapi_event &e : mm_events())
        if (e.event_type == MOCKMAPI_EVENT_PROVIDER_CALL && e.method == method) calls.push_back(e);
    return calls;
}

/* The number of provider calls of any method. */
inline size_t mm_provider_call_count() {
    return mockmapi_journal_count_type(MOCKMAPI_EVENT_PROVIDER_CALL);
}

/* Whether a client-call event names `method_name` (the session's unmodelled slots are journaled by name). */
inline bool mm_client_called(const char *method_name) {
    for (const mockmapi_event &e : mm_events())
        if (e.event_type == MOCKMAPI_EVENT_CLIENT_CALL && std::strcmp(e.method_name, method_name) == 0) return true;
    return false;
}

/* The name of the last client call in the journal, or "". */
inline std::string mm_last_client_call() {
    std::string name;
    for (const mockmapi_event &e : mm_events())
        if (e.event_type == MOCKMAPI_EVENT_CLIENT_CALL) name = e.method_name;
    return name;
}

#define MM_POLICY_KEY "HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown"

#endif /* MM_TEST_HPP */
