// The chat page: written by the chat page's change.
