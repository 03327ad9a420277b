/** EJS skeleton of the navigation document: table of contents, landmarks and, with a print edition, the page list. */
export const navXhtml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="<%= lang %>" lang="<%= lang %>" dir="<%= dir %>">
<head>
<meta charset="UTF-8"/>
<title><%= labels.toc %></title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body epub:type="frontmatter">
<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
<h1 id="toc-title"><%= labels.toc %></h1>
<ol>
<% tocEntries.forEach(function (entry) { %><li><a href="<%= entry.href %>"><%= entry.title %></a></li>
<% }) %></ol>
</nav>
<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">
<h2 id="landmarks-title"><%= labels.landmarks %></h2>
<ol>
<% landmarks.forEach(function (entry) { %><li><a epub:type="<%= entry.type %>" href="<%= entry.href %>"><%= entry.title %></a></li>
<% }) %></ol>
</nav>
<% if (pageList.length > 0) { %><nav epub:type="page-list" role="doc-pagelist" id="page-list" aria-labelledby="page-list-title" hidden="hidden">
<h2 id="page-list-title"><%= labels.pageList %></h2>
<ol>
<% pageList.forEach(function (entry) { %><li><a href="<%= entry.href %>"><%= entry.label %></a></li>
<% }) %></ol>
</nav>
<% } %></body>
</html>
`;
