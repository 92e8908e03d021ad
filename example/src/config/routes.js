import Routes from "velocious/build/src/routes/index.js"

const routes = new Routes()

routes.draw((route) => {
  route.root("projects#index")
  route.resources("projects", {only: ["index", "show", "create", "destroy"]})
  route.resources("tasks", {only: ["index", "create", "update", "destroy"]})
})

export default {routes}
