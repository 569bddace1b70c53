package vn.hailong.sync.terminal;

/** A provisioned counter terminal (thiết bị đánh giá tại quầy): where its events default to. */
public record Terminal(String terminalId, String agencyCode, String counter, String secret, boolean revoked,
                       long highestContiguousSeq) {
}
