package io.vexfs.nio;

import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * Owner lookups for one volume. A volume has no user database: principals are numeric ids; the names
 * {@code root} (0) and the configured {@code userName}/{@code groupName} (env) are known as well.
 */
final class PrincipalDirectory extends UserPrincipalLookupService {
    private final int configuredUid;
    private final int configuredGid;
    private final String userName;
    private final String groupName;

    PrincipalDirectory(int configuredUid, int configuredGid, String userName, String groupName) {
        this.configuredUid = configuredUid;
        this.configuredGid = configuredGid;
        this.userName = userName;
        this.groupName = groupName;
    }

    VexfsUser user(int uid) {
        if (uid == 0) {
            return new VexfsUser(0, "root");
        }
        if (uid == configuredUid && userName != null) {
            return new VexfsUser(uid, userName);
        }
        return new VexfsUser(uid, Integer.toUnsignedString(uid));
    }

    VexfsGroup group(int gid) {
        if (gid == 0) {
            return new VexfsGroup(0, "root");
        }
        if (gid == configuredGid && groupName != null) {
            return new VexfsGroup(gid, groupName);
        }
        return new VexfsGroup(gid, Integer.toUnsignedString(gid));
    }

    @Override
    public UserPrincipal lookupPrincipalByName(String name) throws UserPrincipalNotFoundException {
        if (name.equals("root")) {
            return user(0);
        }
        if (userName != null && name.equals(userName) && configuredUid >= 0) {
            return user(configuredUid);
        }
        return user(numeric(name));
    }

    @Override
    public GroupPrincipal lookupPrincipalByGroupName(String group) throws UserPrincipalNotFoundException {
        if (group.equals("root")) {
            return group(0);
        }
        if (groupName != null && group.equals(groupName) && configuredGid >= 0) {
            return group(configuredGid);
        }
        return group(numeric(group));
    }

    /** The uid of any principal: ours, or a foreign one whose name we know or is numeric. */
    int uidOf(UserPrincipal principal) throws UserPrincipalNotFoundException {
        if (principal instanceof VexfsUser u) {
            return u.uid();
        }
        if (principal instanceof VexfsGroup g) {
            throw new UserPrincipalNotFoundException(g.getName() + " (a group, not a user)");
        }
        return ((VexfsUser) lookupPrincipalByName(principal.getName())).uid();
    }

    int gidOf(GroupPrincipal principal) throws UserPrincipalNotFoundException {
        if (principal instanceof VexfsGroup g) {
            return g.gid();
        }
        return ((VexfsGroup) lookupPrincipalByGroupName(principal.getName())).gid();
    }

    private static int numeric(String name) throws UserPrincipalNotFoundException {
        try {
            long id = Long.parseLong(name);
            if (id < 0 || id > Integer.MAX_VALUE) {
                throw new UserPrincipalNotFoundException(name);
            }
            return (int) id;
        } catch (NumberFormatException e) {
            throw new UserPrincipalNotFoundException(name);
        }
    }
}
