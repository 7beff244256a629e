/*
 * mm_portable.h — the few operating-system services the C test programs need, on POSIX and on Windows
 * (mingw-w64 or MSVC), so that every program runs on both (not part of the public API):
 * - mm_setenv(name, value): set a variable, or remove it when value is NULL (setenv/unsetenv, _putenv_s);
 * - mm_fsync(fd): put a file's data on the disk (fsync, _commit);
 * - mm_hang(): never return (a provider that hangs);
 * - mm_run_self(argv0, arg): run this program again with one argument and wait; its exit code, or -1.
 * Files are opened with open/read/write/close/unlink from <fcntl.h> and <unistd.h> (<io.h> on Windows); open
 * them with MM_O_BINARY so that Windows does not translate line ends.
 */
#ifndef MM_PORTABLE_H
#define MM_PORTABLE_H

#include "mockmapi.h"

#include <fcntl.h>
#include <stdlib.h>

#ifdef _WIN32
#include <io.h>
#include <process.h>
#define MM_O_BINARY O_BINARY

static inline void mm_setenv(const char *name, const char *value) { _putenv_s(name, value ? value : ""); }
static inline int mm_fsync(int fd) { return _commit(fd); }
static inline int mm_run_self(const char *argv0, const char *arg) {
    return (int)_spawnl(_P_WAIT, argv0, argv0, arg, (const char *)NULL);
}
#else
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#define MM_O_BINARY 0

static inline void mm_setenv(const char *name, const char *value) {
    if (value)
        setenv(name, value, 1);
    else
        unsetenv(name);
}
static inline int mm_fsync(int fd) { return fsync(fd); }
static inline int mm_run_self(const char *argv0, const char *arg) {
    pid_t child = fork();
    if (child == 0) {
        execl(argv0, argv0, arg, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
}
#endif

static inline void mm_hang(void) {
    for (;;) mockmapi_thread_sleep(1000);
}

#endif /* MM_PORTABLE_H */
