/* So that -I include/mockmapi/sdk alone also finds mockmapi.h (the control API); see README.md. */
#include "../../mockmapi.h"
