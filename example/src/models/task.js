import Record from "velocious/build/src/database/record/index.js"

class Task extends Record {
}

Task.belongsTo("project")
Task.validates("name", {presence: true})

export default Task
