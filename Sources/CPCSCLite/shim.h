// PC/SC Lite (Debian: libpcsclite-dev); pkg-config adds -I/usr/include/PCSC.
#include <winscard.h>
#include <reader.h>
