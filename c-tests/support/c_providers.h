/*
 * c_providers.h — test support for c_providers.c: which method of the C providers ran last, so that a test can
 * tell that a call made through the C++ interface declarations reached the intended vtable slot.
 */
#ifndef MM_C_PROVIDERS_H
#define MM_C_PROVIDERS_H

#ifdef __cplusplus
extern "C" {
#endif

/* "IMSProvider::Logon", "IMAPIProviderShutdown::DoFastShutdown", ... ("" before any call). */
const char *c_providers_last_call(void);

/* How many C provider objects are alive (created by the entry points, not yet released to zero). */
long c_providers_alive(void);

#ifdef __cplusplus
}
#endif

#endif /* MM_C_PROVIDERS_H */
