package io.huruhuru.sel4.cspace;

/** The access rights a capability carries (seL4_CapRights_t: write, read, grant, grant-reply). */
public record Rights(boolean read, boolean write, boolean grant, boolean grantReply) {

    public static final Rights ALL = new Rights(true, true, true, true);
    public static final Rights READ_WRITE = new Rights(true, true, false, false);
    public static final Rights READ_ONLY = new Rights(true, false, false, false);
    public static final Rights WRITE_ONLY = new Rights(false, true, false, false);

    /** maskCapRights: a derived cap never gains a right its source lacks. */
    public Rights mask(Rights other) {
        return new Rights(read && other.read, write && other.write, grant && other.grant, grantReply && other.grantReply);
    }

    /** Short form for reports, e.g. "RWG-". */
    public String shortForm() {
        return (read ? "R" : "-") + (write ? "W" : "-") + (grant ? "G" : "-") + (grantReply ? "P" : "-");
    }
}
