import Record from "velocious/build/src/database/record/index.js"

class Project extends Record {
}

Project.hasMany("tasks", {dependent: "destroy"})
Project.validates("name", {presence: true})

export default Project
