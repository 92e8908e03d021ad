import {lines, type TemplateContext} from "../template-context.js"

/** src/routes/_root/index.ejs: the welcome page, pointing at the files to edit next. */
export function rootViewTemplate({extension}: TemplateContext): string {
  return lines(
    `<!DOCTYPE html>`,
    `<html lang="en">`,
    `<head>`,
    `  <meta charset="utf-8">`,
    `  <meta name="viewport" content="width=device-width, initial-scale=1">`,
    `  <title>Welcome to Velocious</title>`,
    `  <style>`,
    `    body { font-family: system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1f2933; }`,
    `    main { max-width: 40rem; margin: 4rem auto; padding: 2rem 2.5rem; background: #fff; border-radius: 12px; box-shadow: 0 2px 12px rgba(0, 0, 0, .08); }`,
    `    code { background: #eef1f4; padding: .1rem .3rem; border-radius: 4px; }`,
    `    li { margin: .5rem 0; }`,
    `  </style>`,
    `</head>`,
    `<body>`,
    `  <main>`,
    `    <h1>Welcome to Velocious</h1>`,
    `    <p>Your app is running in the <strong><%= environment %></strong> environment on Node.js <%= nodeVersion %>.</p>`,
    `    <h2>Next steps</h2>`,
    `    <ul>`,
    `      <li>Edit this page: <code>src/routes/_root/index.ejs</code>, rendered by <code>index()</code> in <code>src/routes/_root/controller.${extension}</code>.</li>`,
    `      <li>Add a model and its migration: <code>npx velocious g:model Task title:string done:boolean</code>, then <code>npx velocious db:migrate</code>.</li>`,
    `      <li>Add routes in <code>src/config/routes.${extension}</code>; <code>npx velocious routes</code> lists them.</li>`,
    `      <li>Run the tests: <code>npx velocious test</code>.</li>`,
    `    </ul>`,
    `  </main>`,
    `</body>`,
    `</html>`
  )
}
