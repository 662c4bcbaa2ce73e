// libzmq (ZeroMQ 4.3, with CURVE) from Debian's libzmq3-dev, found through pkg-config `libzmq`.
#include <zmq.h>
