/* The straight C coordinator mockmapi is measured against, and the provider objects both of them call.
 *
 * Providers are written the way a C provider is: lpVtbl first (IUnknown + Shutdown), then an embedded
 * IMAPIProviderShutdown sharing one atomic reference count; QueryInterface AddRefs. Every method returns S_OK.
 *
 * The coordinator does what the subsystem must do for each provider call and nothing more: an ordered fan-out
 * over an array (the order is the array's), QueryInterface(IID_IMAPIProviderShutdown), the method, Release,
 * two clock reads and one record written into a preallocated array.
 *
 * Built by benches/vs_c.rs with the system C compiler (-O2) into a shared library. */
#define _POSIX_C_SOURCE 200809L
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int32_t HRESULT;
typedef uint32_t ULONG;
typedef struct { uint32_t Data1; uint16_t Data2, Data3; uint8_t Data4[8]; } GUID;

static const GUID IID_IUnknown_ = {0x00000000, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID IID_IMAPIProviderShutdown_ = {0x00020398, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};

struct prov;
struct ps;
typedef struct {
    HRESULT (*QueryInterface)(struct prov *, const GUID *, void **);
    ULONG (*AddRef)(struct prov *);
    ULONG (*Release)(struct prov *);
    HRESULT (*Shutdown)(struct prov *, ULONG *);
} prov_vtbl;
typedef struct {
    HRESULT (*QueryInterface)(struct ps *, const GUID *, void **);
    ULONG (*AddRef)(struct ps *);
    ULONG (*Release)(struct ps *);
    HRESULT (*QueryFastShutdown)(struct ps *);
    HRESULT (*NotifyProcessShutdown)(struct ps *);
    HRESULT (*DoFastShutdown)(struct ps *);
} ps_vtbl;
struct ps { const ps_vtbl *lpVtbl; };
struct prov {
    const prov_vtbl *lpVtbl;
    struct ps shutdown;
    atomic_uint refs;
};

static struct prov *from_ps(struct ps *p) {
    return (struct prov *)((char *)p - offsetof(struct prov, shutdown));
}

static HRESULT p_qi(struct prov *self, const GUID *iid, void **ppv) {
    if (!ppv) return (HRESULT)0x80004003L;
    if (!iid) { *ppv = NULL; return (HRESULT)0x80070057L; }
    if (memcmp(iid, &IID_IMAPIProviderShutdown_, sizeof(GUID)) == 0) *ppv = &self->shutdown;
    else if (memcmp(iid, &IID_IUnknown_, sizeof(GUID)) == 0) *ppv = self;
    else { *ppv = NULL; return (HRESULT)0x80004002L; }
    atomic_fetch_add_explicit(&self->refs, 1, memory_order_relaxed);
    return 0;
}
static ULONG p_addref(struct prov *self) { return atomic_fetch_add_explicit(&self->refs, 1, memory_order_relaxed) + 1; }
/* Objects are freed by bl_providers_free, never at zero, so they can be reused across resets. */
static ULONG p_release(struct prov *self) { return atomic_fetch_sub_explicit(&self->refs, 1, memory_order_acq_rel) - 1; }
static HRESULT p_shutdown(struct prov *self, ULONG *flags) { (void)self; (void)flags; return 0; }
static HRESULT s_qi(struct ps *p, const GUID *iid, void **ppv) { return p_qi(from_ps(p), iid, ppv); }
static ULONG s_addref(struct ps *p) { return p_addref(from_ps(p)); }
static ULONG s_release(struct ps *p) { return p_release(from_ps(p)); }
static HRESULT s_ok(struct ps *p) { (void)p; return 0; }

static const prov_vtbl PROV_VTBL = {p_qi, p_addref, p_release, p_shutdown};
static const ps_vtbl PS_VTBL = {s_qi, s_addref, s_release, s_ok, s_ok, s_ok};

/* n providers, each holding one reference (the creator's). */
struct prov **bl_providers_new(size_t n) {
    struct prov **out = malloc(n * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        out[i] = malloc(sizeof **out);
        out[i]->lpVtbl = &PROV_VTBL;
        out[i]->shutdown.lpVtbl = &PS_VTBL;
        atomic_init(&out[i]->refs, 1);
    }
    return out;
}

/* The reference count of provider i (1 when nobody but the creator holds it). */
unsigned bl_provider_refs(struct prov **p, size_t i) { return atomic_load(&p[i]->refs); }

void bl_providers_free(struct prov **p, size_t n) {
    for (size_t i = 0; i < n; i++) free(p[i]);
    free(p);
}

/* One journal record: what mockmapi's journal keeps for a provider call. */
struct record {
    uint64_t sequence;
    uint32_t session, kind, method;
    HRESULT hresult;
    const char *provider;
    uint64_t duration_ns;
    const void *object;
};

static const char *const NAMES[3] = {"transport", "address-book", "store"};

static inline uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The same cheap clock mockmapi reads (the time-stamp counter), for the second comparison; the OS clock
 * elsewhere. Durations are then in counter ticks, which is all a straight loop needs to store. */
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static inline uint64_t now_tsc(void) { return __rdtsc(); }
#else
static inline uint64_t now_tsc(void) { return now_ns(); }
#endif

/* The first `methods` of QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown, each fanned out over the n
 * providers in array order (sessions of three: transport, address book, store). `records` holds methods * n
 * records. Returns the worst HRESULT. */
static inline HRESULT round_with(struct prov **providers, size_t n, unsigned methods, struct record *records,
                                 uint64_t (*now)(void)) {
    HRESULT worst = 0;
    uint64_t seq = 0;
    for (unsigned m = 0; m < methods; m++) {
        for (size_t i = 0; i < n; i++) {
            struct prov *obj = providers[i];
            uint64_t t0 = now();
            void *out = NULL;
            HRESULT hr = obj->lpVtbl->QueryInterface(obj, &IID_IMAPIProviderShutdown_, &out);
            struct ps *iface = out;
            if (hr >= 0 && iface) {
                hr = m == 0 ? iface->lpVtbl->QueryFastShutdown(iface)
                   : m == 1 ? iface->lpVtbl->NotifyProcessShutdown(iface)
                            : iface->lpVtbl->DoFastShutdown(iface);
                iface->lpVtbl->Release(iface);
            }
            uint64_t t1 = now();
            struct record *r = &records[seq];
            r->sequence = ++seq;
            r->session = (uint32_t)(i / 3) + 1;
            r->kind = (uint32_t)(i % 3) + 1;
            r->method = m + 4;
            r->hresult = hr;
            r->provider = NAMES[i % 3];
            r->duration_ns = t1 - t0;
            r->object = iface;
            if (hr < worst) worst = hr;
        }
    }
    return worst;
}

HRESULT bl_round(struct prov **providers, size_t n, unsigned methods, struct record *records) {
    return round_with(providers, n, methods, records, now_ns);
}

/* bl_round with the time-stamp counter as its clock. */
HRESULT bl_round_tsc(struct prov **providers, size_t n, unsigned methods, struct record *records) {
    return round_with(providers, n, methods, records, now_tsc);
}

/* Attach n providers to one session: AddRef, then append to the list of the provider's kind (transport,
 * address book, store, cycling), lists preallocated. Releases them all afterwards. */
void bl_attach(struct prov **providers, size_t n) {
    struct prov **lists[3];
    size_t len[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) lists[k] = malloc((n / 3 + 1) * sizeof(struct prov *));
    for (size_t i = 0; i < n; i++) {
        providers[i]->lpVtbl->AddRef(providers[i]);
        lists[i % 3][len[i % 3]++] = providers[i];
    }
    for (int k = 0; k < 3; k++) {
        for (size_t i = 0; i < len[k]; i++) lists[k][i]->lpVtbl->Release(lists[k][i]);
        free(lists[k]);
    }
}

/* A journal reader: the index of the first record at or after `start` with this method and provider name
 * (compared as strings, as a filter by name does), or n. */
size_t bl_find(const struct record *records, size_t n, size_t start, uint32_t method, const char *name) {
    for (size_t i = start; i < n; i++)
        if (records[i].method == method && strcmp(records[i].provider, name) == 0) return i;
    return n;
}

/* How many records have this method. */
size_t bl_count(const struct record *records, size_t n, uint32_t method) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += records[i].method == method;
    return c;
}

size_t bl_record_size(void) { return sizeof(struct record); }
