// ICAO 9303 eMRTD and the Vietnamese CCCD: access control, secure messaging, LDS files.
//
// Entry points:
//   DocumentReader(channel:options:).read(key:)  – PACE or BAC, then every file, over a CardChannel
//   AccessKey.can / AccessKey.mrz, CCCDFrontQR, CCCDValidity.accessKeys – passwords for the chip
//   MRZ, DG1, DG2, DG13, EFCOM, SecurityInfos, DG15, SecurityObject – parsers of the files
//   EMRTDChip, ChipFiles, SecureMessaging – the chip side, for the virtual card and tests
