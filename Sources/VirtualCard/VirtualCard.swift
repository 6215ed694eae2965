// A virtual CCCD that answers APDUs through pcscd's vpcd reader (tests and demo mode).
