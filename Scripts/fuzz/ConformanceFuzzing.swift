// ConformanceFuzzing.swift
// Compiled into the vector-file fuzz targets (rsp, keyvalue, json): the properties every file
// reader must have, whatever the bytes.

import Conformance

/// Runs a file through the check, the inventory and the OTP-vector extraction.
///
/// - None may trap (the fuzzer catches that).
/// - Each either succeeds or throws a `VectorFileError` whose message is one bounded line.
/// - When the check succeeds, the inventory succeeds too and names the same format.
/// - Failure reports are bounded too: each failed case's message is one line.
func checkVectorFile(name: String, contents: [UInt8]) {
    var checkedFormat: String? = nil
    do throws(VectorFileError) {
        let report = try Conformance.check(fileName: name, contents: contents)
        require(report.caseCount > 0, "a report without cases")
        #if !FUZZ_SKIP_KNOWN_ISSUES
        // Known issue 1 (Scripts/fuzz/README.md) reaches these through KeyURI.description.
        for failure in report.failures {
            require(isSafeLogLine(failure.message, maximumLength: 2000), "a failure message is not one bounded line: \(failure.message.debugDescription)")
        }
        #endif
        checkedFormat = report.format
    } catch {
        checkErrorMessage(error.description)
    }
    do throws(VectorFileError) {
        let inventory = try Conformance.inventory(fileName: name, contents: contents)
        if let checkedFormat {
            require(inventory.format == checkedFormat, "inventory reads \(inventory.format), check read \(checkedFormat)")
        }
    } catch {
        require(checkedFormat == nil, "check gave a report but inventory threw: \(error)")
        checkErrorMessage(error.description)
    }
    do throws(VectorFileError) {
        _ = try Conformance.otpVectors(fileName: name, contents: contents)
    } catch {
        checkErrorMessage(error.description)
    }
}

/// A file error's message must be one bounded line.
private func checkErrorMessage(_ message: String) {
    #if !FUZZ_SKIP_KNOWN_ISSUES
    // Known issue 4 (Scripts/fuzz/README.md): text quoted from the file keeps its control
    // characters, and some of it (a field name) is not shortened.
    require(isSafeLogLine(message), "error is not one bounded line: \(message.debugDescription)")
    #endif
}
