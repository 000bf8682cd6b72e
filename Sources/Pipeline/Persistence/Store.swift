/// The model is part of the store's face: `import Store` brings the value types it stores with it.
@_exported public import NoticeModel
