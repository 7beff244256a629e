/* SPEC §1: MAPIAllocateBuffer / MAPIAllocateMore / MAPIFreeBuffer — a buffer and everything chained to it with
 * MAPIAllocateMore is freed by one MAPIFreeBuffer of the root. Freeing a chained buffer, freeing twice, or freeing
 * what was never allocated is an error and a violation, never a crash (run under AddressSanitizer to prove the
 * memory side). */
#include "mm_test.h"

#include <stdint.h>

static int aligned16(const void *p) { return ((uintptr_t)p % 16) == 0; }

static void test_allocate_more_chain_is_freed_with_its_root(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    void *root = NULL, *c1 = NULL, *c2 = NULL, *c3 = NULL, *c4 = NULL;
    CHECK_HR(MAPIAllocateBuffer(64, &root), S_OK);
    if (root) {
        CHECK_HR(MAPIAllocateMore(128, root, &c1), S_OK);
        CHECK_HR(MAPIAllocateMore(1000, c1, &c2), S_OK); /* chained to a chained buffer: same root */
        CHECK_HR(MAPIAllocateMore(1, root, &c3), S_OK);
        CHECK_HR(MAPIAllocateMore(0, c2, &c4), S_OK);
    }
    if (root && c1 && c2 && c3 && c4) {
        CHECK(aligned16(root) && aligned16(c1) && aligned16(c2) && aligned16(c3) && aligned16(c4),
              "buffers are 16-byte aligned");
        CHECK(root != c1 && c1 != c2 && c2 != c3 && c3 != c4 && c4 != root, "distinct buffers");
        /* Every byte of every buffer is usable. */
        memset(root, 0x11, 64);
        memset(c1, 0x22, 128);
        memset(c2, 0x33, 1000);
        memset(c3, 0x44, 1);
        CHECK(((unsigned char *)root)[63] == 0x11 && ((unsigned char *)c2)[999] == 0x33, "buffers hold their bytes");

        mm_mark m = mm_mark_now();
        CHECK_EQ(MAPIFreeBuffer(root), S_OK);
        CHECK_VIOLATIONS(m, 0, NULL);

        /* The chained buffers went with the root: they are unknown now (checked without touching them). */
        void *p = NULL;
        m = mm_mark_now();
        CHECK_HR(MAPIAllocateMore(8, c1, &p), E_INVALIDARG);
        CHECK_HR(MAPIAllocateMore(8, c2, &p), E_INVALIDARG);
        CHECK_HR(MAPIAllocateMore(8, root, &p), E_INVALIDARG);
        CHECK_VIOLATIONS(m, 3, NULL);
        CHECK(p == NULL, "no buffer handed out");
    }
    MAPIUninitialize();
    mm_test_end();
}

static void test_free_of_chained_buffer_is_an_error_and_a_violation(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    void *root = NULL, *child = NULL, *grandchild = NULL;
    CHECK_HR(MAPIAllocateBuffer(32, &root), S_OK);
    if (root) CHECK_HR(MAPIAllocateMore(32, root, &child), S_OK);
    if (child) CHECK_HR(MAPIAllocateMore(32, child, &grandchild), S_OK);
    if (grandchild) {
        mm_mark m = mm_mark_now();
        ULONG rc = MAPIFreeBuffer(child);
        CHECK(rc != 0, "MAPIFreeBuffer of a chained buffer fails");
        CHECK_HR((HRESULT)rc, E_INVALIDARG);
        CHECK_VIOLATIONS(m, 1, NULL);
        m = mm_mark_now();
        CHECK((HRESULT)MAPIFreeBuffer(grandchild) == E_INVALIDARG, "nor a buffer chained to a chained one");
        CHECK_VIOLATIONS(m, 1, NULL);
        /* Nothing was freed: the buffers are still usable and still chained. */
        memset(child, 0x5A, 32);
        memset(grandchild, 0xA5, 32);
        void *more = NULL;
        CHECK_HR(MAPIAllocateMore(16, child, &more), S_OK);
        if (more) memset(more, 0, 16);
        CHECK_EQ(MAPIFreeBuffer(root), S_OK);
    }
    MAPIUninitialize();
    mm_test_end();
}

static void test_double_free_is_an_error_and_a_violation(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    void *root = NULL, *child = NULL;
    CHECK_HR(MAPIAllocateBuffer(48, &root), S_OK);
    if (root) CHECK_HR(MAPIAllocateMore(48, root, &child), S_OK);
    if (child) {
        CHECK_EQ(MAPIFreeBuffer(root), S_OK);
        mm_mark m = mm_mark_now();
        CHECK_HR((HRESULT)MAPIFreeBuffer(root), E_INVALIDARG);
        CHECK_VIOLATIONS(m, 1, NULL);
        m = mm_mark_now();
        CHECK_HR((HRESULT)MAPIFreeBuffer(child), E_INVALIDARG); /* freed with its root already */
        CHECK_VIOLATIONS(m, 1, NULL);
        /* The allocator still works. */
        void *again = NULL;
        CHECK_HR(MAPIAllocateBuffer(48, &again), S_OK);
        if (again) {
            memset(again, 0xEE, 48);
            CHECK_EQ(MAPIFreeBuffer(again), S_OK);
        }
    }
    MAPIUninitialize();
    mm_test_end();
}

static void test_free_of_never_allocated_pointer_is_an_error_and_a_violation(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    int on_stack = 0;
    void *from_malloc = malloc(16);
    mm_mark m = mm_mark_now();
    CHECK_HR((HRESULT)MAPIFreeBuffer(&on_stack), E_INVALIDARG);
    CHECK_HR((HRESULT)MAPIFreeBuffer(from_malloc), E_INVALIDARG);
    CHECK_VIOLATIONS(m, 2, NULL);
    free(from_malloc); /* still ours: MAPIFreeBuffer did not free it */
    /* An interior pointer of a live buffer is not a buffer either. */
    void *root = NULL;
    CHECK_HR(MAPIAllocateBuffer(64, &root), S_OK);
    if (root) {
        m = mm_mark_now();
        CHECK_HR((HRESULT)MAPIFreeBuffer((char *)root + 16), E_INVALIDARG);
        CHECK_VIOLATIONS(m, 1, NULL);
        CHECK_EQ(MAPIFreeBuffer(root), S_OK);
    }
    MAPIUninitialize();
    mm_test_end();
}

static void test_free_of_null_is_accepted(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    mm_mark m = mm_mark_now();
    CHECK_EQ(MAPIFreeBuffer(NULL), S_OK);
    CHECK_VIOLATIONS(m, 0, NULL);
    MAPIUninitialize();
    mm_test_end();
}

/* Zero bytes is a valid request: distinct buffers, each freed once. */
static void test_allocate_zero_bytes_gives_distinct_buffers(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    void *a = NULL, *b = NULL;
    CHECK_HR(MAPIAllocateBuffer(0, &a), S_OK);
    CHECK_HR(MAPIAllocateBuffer(0, &b), S_OK);
    CHECK(a != NULL && b != NULL && a != b, "distinct non-NULL buffers");
    if (a) CHECK_EQ(MAPIFreeBuffer(a), S_OK);
    if (b) CHECK_EQ(MAPIFreeBuffer(b), S_OK);
    CHECK_EQ(mockmapi_violation_count(), 0);
    MAPIUninitialize();
    mm_test_end();
}

/* Many roots with many children, freed in an order unrelated to allocation: everything is freed once. */
static void test_many_chains_free_independently(void) {
    enum { ROOTS = 64, CHILDREN = 16 };
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    void *roots[ROOTS];
    void *children[ROOTS][CHILDREN];
    int ok = 1;
    for (int r = 0; r < ROOTS && ok; r++) {
        ok = CHECK_HR(MAPIAllocateBuffer((ULONG)(r + 1), &roots[r]), S_OK);
        if (ok) memset(roots[r], r, (size_t)r + 1);
        for (int c = 0; c < CHILDREN && ok; c++) {
            void *parent = c == 0 ? roots[r] : children[r][c - 1];
            ok = CHECK_HR(MAPIAllocateMore((ULONG)(c * 8 + 1), parent, &children[r][c]), S_OK);
            if (ok) memset(children[r][c], c, (size_t)c * 8 + 1);
        }
    }
    if (ok) {
        for (int r = 0; r < ROOTS; r += 2) CHECK_EQ(MAPIFreeBuffer(roots[r]), S_OK);
        /* The odd chains are intact. */
        for (int r = 1; r < ROOTS; r += 2)
            for (int c = 0; c < CHILDREN; c++)
                CHECK(((unsigned char *)children[r][c])[c * 8] == (unsigned char)c, "untouched chain");
        for (int r = ROOTS - 1; r > 0; r -= 2) CHECK_EQ(MAPIFreeBuffer(roots[r]), S_OK);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    MAPIUninitialize();
    mm_test_end();
}

int main(void) {
    MM_RUN(test_allocate_more_chain_is_freed_with_its_root);
    MM_RUN(test_free_of_chained_buffer_is_an_error_and_a_violation);
    MM_RUN(test_double_free_is_an_error_and_a_violation);
    MM_RUN(test_free_of_never_allocated_pointer_is_an_error_and_a_violation);
    MM_RUN(test_free_of_null_is_accepted);
    MM_RUN(test_allocate_zero_bytes_gives_distinct_buffers);
    MM_RUN(test_many_chains_free_independently);
    return mm_finish("allocation");
}
