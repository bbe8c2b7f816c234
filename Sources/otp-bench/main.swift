print("otp-bench: not written yet")
