/**
 * EJS skeleton of the package document. Every value is computed in code (see `package-data.ts`);
 * the library's own template is not used because it invents rights, language and dates.
 */
export const contentOpf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="<%= lang %>" dir="<%= dir %>">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id"><%= pkg.identifier %></dc:identifier>
<dc:title id="title"><%= title %></dc:title>
<dc:language><%= lang %></dc:language>
<% pkg.creators.forEach(function (creator, index) { %><dc:creator id="creator-<%= index + 1 %>"><%= creator %></dc:creator>
<% }) %><% if (pkg.publisher) { %><dc:publisher><%= pkg.publisher %></dc:publisher>
<% } %><% if (pkg.rights) { %><dc:rights><%= pkg.rights %></dc:rights>
<% } %><dc:description><%= description %></dc:description>
<% if (pkg.date) { %><dc:date><%= pkg.date %></dc:date>
<% } %><% if (pkg.source) { %><dc:source id="source"><%= pkg.source %></dc:source>
<% } %><% if (pkg.paginationSource) { %><meta refines="#source" property="source-of">pagination</meta>
<% } %><meta property="dcterms:modified"><%= pkg.modified %></meta>
<% pkg.accessModes.forEach(function (mode) { %><meta property="schema:accessMode"><%= mode %></meta>
<% }) %><% pkg.accessModesSufficient.forEach(function (modes) { %><meta property="schema:accessModeSufficient"><%= modes %></meta>
<% }) %><% pkg.accessibilityFeatures.forEach(function (feature) { %><meta property="schema:accessibilityFeature"><%= feature %></meta>
<% }) %><meta property="schema:accessibilityHazard">none</meta>
<meta property="schema:accessibilitySummary"><%= pkg.accessibilitySummary %></meta>
<% if (pkg.conformsTo) { %><meta property="dcterms:conformsTo"><%= pkg.conformsTo %></meta>
<meta property="a11y:certifiedBy"><%= pkg.certifiedBy %></meta>
<% } %><% if (cover) { %><meta name="cover" content="cover-image"/>
<% } %></metadata>
<manifest>
<item id="nav" href="toc.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="css" href="style.css" media-type="text/css"/>
<% if (cover) { %><item id="cover-image" href="cover.<%= cover.extension %>" media-type="<%= cover.mediaType %>" properties="cover-image"/>
<% } %><% images.forEach(function (image) { %><item id="<%= image.id %>" href="images/<%= image.id %>.<%= image.extension %>" media-type="<%= image.mediaType %>"/>
<% }) %><% content.forEach(function (doc) { %><item id="<%= doc.id %>" href="<%= doc.filename %>" media-type="application/xhtml+xml"/>
<% }) %></manifest>
<spine>
<% content.forEach(function (doc) { if (doc.beforeToc) { %><itemref idref="<%= doc.id %>"/>
<% } }) %><itemref idref="nav"/>
<% content.forEach(function (doc) { if (!doc.beforeToc) { %><itemref idref="<%= doc.id %>"/>
<% } }) %></spine>
</package>
`;
