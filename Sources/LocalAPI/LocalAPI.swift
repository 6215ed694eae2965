// Loopback HTTP API for the kiosk screen and station staff.
