/** EJS skeleton of every content document; `lang`, `dir` and `bodyType` come with each chapter. */
export const chapterXhtml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="<%= lang %>" lang="<%= lang %>" dir="<%= dir %>">
<head>
<meta charset="UTF-8"/>
<title><%= title %></title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body epub:type="<%= bodyType %>">
<%- content %>
</body>
</html>
`;
