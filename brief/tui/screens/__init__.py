"""The reader's screens: ReaderScreen (the main one) and the dialogs, each typed and usable from
the keyboard alone: forms (ItemForm, ArticleForm, their fields read from the model, their
problems in plain words), Confirm and ChooseSection, HelpScreen, EntitiesScreen and
TimelineScreen, ExportScreen."""
