// A question before something that cannot be undone, in a <dialog> of the page whose form has method="dialog":
// the element with the class "what" says what is at stake, and the button whose value is "yes" confirms.

/** Opens the dialog with the given words; answers whether the person confirmed. */
export function confirmed(dialog, what) {
    dialog.querySelector(".what").textContent = what;
    dialog.returnValue = "";
    dialog.showModal();
    return new Promise((resolve) => {
        dialog.addEventListener("close", () => resolve(dialog.returnValue === "yes"), { once: true });
    });
}
