// swift-tools-version:6.0
// swift-otp: SHA-1/SHA-2, HMAC, HOTP/TOTP, Base32 and the otpauth:// key URI in pure Swift.
// No package dependencies; library modules import only the Swift standard library.
import PackageDescription

let package = Package(
    name: "swift-otp",
    products: [
        .library(name: "OTPCrypto", targets: ["OTPCrypto"]),
        .library(name: "OTPEncoding", targets: ["OTPEncoding"]),
        .library(name: "OTP", targets: ["OTP"]),
        .library(name: "QRCode", targets: ["QRCode"]),
        .library(name: "OTPInterop", targets: ["OTPInterop"]),
        .library(name: "Conformance", targets: ["Conformance"]),
        .executable(name: "otp", targets: ["otp"]),
        .executable(name: "otp-conformance", targets: ["otp-conformance"]),
        .executable(name: "otp-bench", targets: ["otp-bench"]),
    ],
    targets: [
        .target(name: "OTPCrypto"),
        .target(name: "OTPEncoding"),
        .target(name: "OTP", dependencies: ["OTPCrypto", "OTPEncoding"]),
        .target(name: "QRCode"),
        .target(name: "OTPInterop", dependencies: ["OTP", "OTPEncoding", "OTPCrypto"]),
        .target(name: "Conformance", dependencies: ["OTP", "OTPEncoding", "OTPCrypto", "OTPInterop"]),
        .executableTarget(name: "otp", dependencies: ["OTP", "OTPEncoding", "OTPCrypto", "QRCode", "OTPInterop"]),
        .executableTarget(name: "otp-conformance", dependencies: ["Conformance"]),
        .executableTarget(name: "otp-bench", dependencies: ["OTP", "OTPEncoding", "OTPCrypto", "QRCode"]),
        .testTarget(name: "OTPCryptoTests", dependencies: ["OTPCrypto"]),
        .testTarget(name: "OTPEncodingTests", dependencies: ["OTPEncoding"]),
        .testTarget(name: "OTPTests", dependencies: ["OTP"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(name: "OTPInteropTests", dependencies: ["OTPInterop"]),
        .testTarget(name: "ConformanceTests", dependencies: ["Conformance"]),
        .testTarget(name: "CLITests", dependencies: ["OTPEncoding"]),
    ],
    swiftLanguageModes: [.v6]
)
