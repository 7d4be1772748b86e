package io.barelb.announcer.bgp.wire;

import io.barelb.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of UPDATE (RFC 4271 §4.3, layout on {@link UpdateMessage}), with the revised error handling of RFC
 * 7606: the fields whose lengths frame the message (withdrawn routes, total attribute length, NLRI) are a session
 * reset when broken (§5.3); a malformed attribute is treat-as-withdraw or attribute-discard as
 * {@link AttributeCodec} decides; a missing well-known mandatory attribute is treat-as-withdraw (§3 d).
 */
final class UpdateCodec {

    private UpdateCodec() {
    }

    static void encode(UpdateMessage update, CodecOptions options, ByteWriter out) {
        int withdrawnAt = out.size();
        out.u16(0);
        for (IpPrefix prefix : update.withdrawn()) {
            PrefixCodec.encode(prefix, out);
        }
        out.patch16(withdrawnAt, out.size() - withdrawnAt - 2);
        int attributesAt = out.size();
        out.u16(0);
        for (PathAttribute attribute : update.attributes()) {
            AttributeCodec.encode(attribute, options, out);
        }
        out.patch16(attributesAt, out.size() - attributesAt - 2);
        for (IpPrefix prefix : update.nlri()) {
            PrefixCodec.encode(prefix, out);
        }
    }

    /** Decodes the body (after the header); the header check guaranteed at least 4 octets. */
    static UpdateMessage decode(ByteReader in, CodecOptions options) throws BgpDecodeException {
        int withdrawnLength = in.u16();
        if (withdrawnLength + 2 > in.remaining()) {
            throw new BgpDecodeException(BgpError.MALFORMED_ATTRIBUTE_LIST, "withdrawn routes length " + withdrawnLength
                    + " leaves no room for the total path attribute length");
        }
        List<IpPrefix> withdrawn = PrefixCodec.decodeAll(in.slice(withdrawnLength), 32, BgpError.INVALID_NETWORK_FIELD,
                "withdrawn routes");
        int attributesLength = in.u16();
        if (attributesLength > in.remaining()) {
            throw new BgpDecodeException(BgpError.MALFORMED_ATTRIBUTE_LIST, "total path attribute length "
                    + attributesLength + " exceeds the " + in.remaining() + " octets left");
        }
        List<UpdateProblem> problems = new ArrayList<>();
        List<PathAttribute> attributes = AttributeCodec.decodeAll(in.slice(attributesLength), options, problems);
        List<IpPrefix> nlri = PrefixCodec.decodeAll(in, 32, BgpError.INVALID_NETWORK_FIELD, "NLRI");
        UpdateMessage update = new UpdateMessage(withdrawn, attributes, nlri, problems);
        checkMandatory(update, problems);
        return problems.size() == update.problems().size() ? update
                : new UpdateMessage(withdrawn, attributes, nlri, problems);
    }

    /** RFC 4271 §6.3 / RFC 7606 §3 d: ORIGIN, AS_PATH (and NEXT_HOP for IPv4 NLRI) must come with routes. */
    private static void checkMandatory(UpdateMessage update, List<UpdateProblem> problems) {
        boolean reach = !update.nlri().isEmpty() || update.attribute(PathAttribute.MpReachNlri.class).isPresent();
        if (!reach || update.treatAsWithdraw()) {
            return;
        }
        List<Integer> missing = new ArrayList<>();
        if (update.attribute(PathAttribute.Origin.class).isEmpty()) {
            missing.add(PathAttribute.Origin.TYPE);
        }
        if (update.attribute(PathAttribute.AsPath.class).isEmpty()) {
            missing.add(PathAttribute.AsPath.TYPE);
        }
        if (!update.nlri().isEmpty() && update.attribute(PathAttribute.NextHop.class).isEmpty()) {
            missing.add(PathAttribute.NextHop.TYPE);
        }
        for (int type : missing) {
            problems.add(new UpdateProblem(BgpError.MISSING_WELL_KNOWN_ATTRIBUTE, type,
                    UpdateProblem.Action.TREAT_AS_WITHDRAW, "well-known mandatory attribute " + type + " is missing"));
        }
    }
}
