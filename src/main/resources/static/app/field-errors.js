// A form's errors next to its fields: each error slot names the API field it is for (data-error-for="trigger.at"),
// and the inputs that point to a slot with aria-describedby are marked invalid while it shows a message. Field
// names are those of the API's problem documents (their "errors" array).

/**
 * The error slots of a form. visible(slot) says whether a slot counts now, for forms that show one of several
 * slots for the same field; the form's general message goes to its ".form-error" element.
 */
export function fieldErrors(form, visible = () => true) {
    function set(slot, message) {
        slot.textContent = message;
        slot.hidden = !message;
        for (const input of form.querySelectorAll(`[aria-describedby~="${slot.id}"]`)) {
            if (message) {
                input.setAttribute("aria-invalid", "true");
            } else {
                input.removeAttribute("aria-invalid");
            }
        }
    }

    function setFormError(message) {
        const region = form.querySelector(".form-error");
        region.textContent = message;
        region.hidden = !message;
    }

    /**
     * The slot for an error's field: the one named exactly, else the nearest enclosing one, with the rest of the
     * path to say which part (task.params.headers.X-Y lands under the headers, as "X-Y: ...").
     */
    function slotFor(field) {
        const slots = [...form.querySelectorAll("[data-error-for]")].filter(visible);
        for (let path = field, rest = ""; path; ) {
            const slot = slots.find((candidate) => candidate.dataset.errorFor === path);
            if (slot) {
                return { slot, rest };
            }
            const dot = path.lastIndexOf(".");
            rest = path.slice(dot + 1) + (rest ? "." + rest : "");
            path = dot < 0 ? "" : path.slice(0, dot);
        }
        return null;
    }

    return {
        /** Hides the messages of the fields whose names start with prefix; all of them, and the form's, without. */
        clear(prefix = "") {
            for (const slot of form.querySelectorAll("[data-error-for]")) {
                if (slot.dataset.errorFor.startsWith(prefix)) {
                    set(slot, "");
                }
            }
            if (!prefix) {
                setFormError("");
            }
        },

        /** Shows a problem's field errors next to their fields; answers whether it had any. */
        show(problem) {
            const shown = new Map();
            const unplaced = [];
            for (const { field, message } of problem?.errors || []) {
                const place = slotFor(field);
                if (!place) {
                    unplaced.push(`${field}: ${message}`);
                    continue;
                }
                const text = place.rest ? `${place.rest}: ${message}` : message;
                shown.set(place.slot, shown.has(place.slot) ? `${shown.get(place.slot)} ${text}` : text);
            }
            for (const [slot, text] of shown) {
                set(slot, text);
            }
            if (unplaced.length) {
                setFormError(unplaced.join(" "));
            }
            return shown.size + unplaced.length > 0;
        },

        /**
         * Shows a failed request's problem: its field errors next to their fields, a problem about one field
         * without a list (fieldOfType maps its type, such as "wrong-password", to the field) next to that field,
         * and anything else as the form's message.
         */
        report(error, fieldOfType = {}) {
            const field = fieldOfType[error.type];
            const shown = this.show(field ? { errors: [{ field, message: error.message }] } : error.problem);
            if (!shown) {
                setFormError(error.message);
            }
        },

        setFormError,
    };
}
