package io.huruhuru.sel4.picture;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A rendered SVG parsed with the JDK's DOM parser, DOCTYPEs and external entities refused. */
final class SvgDocument {

    final Document doc;

    SvgDocument(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every element of that name whose attribute has that value, in document order. */
    List<Element> where(String tag, String attribute, String value) {
        List<Element> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute(attribute) && (value == null || value.equals(e.getAttribute(attribute)))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The groups of one space (physical, virtual, untyped, device, guest, domain). */
    List<Element> regions(String space) {
        return where("g", "data-space", space);
    }

    static Element rect(Element group) {
        return (Element) group.getElementsByTagName("rect").item(0);
    }

    static int top(Element group) {
        return Integer.parseInt(rect(group).getAttribute("y"));
    }

    static int height(Element group) {
        return Integer.parseInt(rect(group).getAttribute("height"));
    }

    static int left(Element group) {
        return Integer.parseInt(rect(group).getAttribute("x"));
    }

    static long start(Element group) {
        return Long.parseUnsignedLong(group.getAttribute("data-start").substring(2), 16);
    }

    static long size(Element group) {
        return Long.parseLong(group.getAttribute("data-size"));
    }

    /** All text of the document, as a reader of the picture sees it. */
    String text() {
        return doc.getDocumentElement().getTextContent();
    }
}
