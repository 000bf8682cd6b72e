extension AdministrativeLevel {
    /// The level a GB/T 2260 code names by its digits alone: `xx0000` a province,
    /// `xxxx00` a prefecture, any other six digits (or anything malformed) a county.
    public init(regionCode code: String) {
        let digits = Array(code.utf8)
        if digits.count == 6 && digits[2] == 0x30 && digits[3] == 0x30 && digits[4] == 0x30 && digits[5] == 0x30 {
            self = .provincial
        } else if digits.count == 6 && digits[4] == 0x30 && digits[5] == 0x30 {
            self = .prefectural
        } else {
            self = .county
        }
    }
}
