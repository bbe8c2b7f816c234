// ReedSolomon.swift
// Error correction codewords for one block.

/// A Reed-Solomon encoder for a fixed number of error correction codewords (ISO/IEC 18004:2015
/// §7.5.2): the codewords are the remainder of the data polynomial, times x^n, divided by the
/// generator polynomial (x − α^0)(x − α^1)…(x − α^(n−1)).
///
/// The generator is multiplied out here (Annex A lists the same polynomials).
struct ReedSolomonEncoder {
    /// The generator's coefficients after the leading 1, highest power first: `n` values.
    let generator: [UInt8]

    /// An encoder producing `degree` error correction codewords (7...30 in Table 9).
    init(degree: Int) {
        // Start from the polynomial 1 and multiply by (x − α^i) for each i; in GF(2^8)
        // subtraction is addition, so each step is coefficient[j] = coefficient[j] · α^i +
        // coefficient[j + 1], stored lowest power last.
        var coefficients: [UInt8] = [1]
        for power in 0..<degree {
            let root = GF256.exponent[power]
            var next = [UInt8](repeating: 0, count: coefficients.count + 1)
            for (index, coefficient) in coefficients.enumerated() {
                next[index] ^= coefficient
                next[index + 1] ^= GF256.multiply(coefficient, root)
            }
            coefficients = next
        }
        generator = Array(coefficients.dropFirst())
    }

    /// The error correction codewords for `data`: the remainder of data(x) · x^n modulo the
    /// generator, by long division, highest power first.
    func remainder<Data: Collection>(of data: Data) -> [UInt8] where Data.Element == UInt8 {
        var remainder = [UInt8](repeating: 0, count: generator.count)
        guard !remainder.isEmpty else { return remainder }
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            if factor != 0 {
                for index in remainder.indices {
                    remainder[index] ^= GF256.multiply(generator[index], factor)
                }
            }
        }
        return remainder
    }
}
