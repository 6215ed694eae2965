// ICAO 9303 eMRTD and the Vietnamese CCCD: access control, secure messaging, LDS files.
