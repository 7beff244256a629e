/* mockmapi SDK-compatible header (see README.md). Every spelling of this name has these same bytes and
 * includes the one implementation, so case-insensitive file systems lose nothing. */
#include "impl/mapival.h"
