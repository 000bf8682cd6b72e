/// The model is part of the pipeline's face: `import Pipeline` brings the value types with it.
@_exported public import NoticeModel
