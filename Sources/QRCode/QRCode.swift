// The QR code encoder (ISO/IEC 18004) lives in this module.
